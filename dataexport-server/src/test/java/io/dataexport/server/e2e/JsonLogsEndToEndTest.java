package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server --log-format json} as an operator runs it: a full scenario (initial sync, a change
 * workload, a record the destination rejects until it is given up, a clean stop) against the
 * emulator and PostgreSQL. Every log line is one JSON object with time, level, logger and message,
 * lines about a profile, entity or record name them in fields, and nothing in the log holds a
 * secret of the profile or a value of a record.
 */
class JsonLogsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POISON = "POISON-Quokka-9931";
  private static final String DESTINATION_PASSWORD = "pw-Zebra-4711-never-logged";
  private static final List<String> BANNER =
      List.of(
          "Data Export Service is running.",
          "  API:",
          "  Data:",
          "  Node:",
          "No API key existed",
          "  dxk_",
          "  To log in to the web console",
          "  Use it as",
          "Press Ctrl-C");

  @TempDir Path data;

  @Test
  void everyLineIsAJsonObjectNamingItsProfileEntityAndRecordAndNoSecretOrValueLeaks()
      throws Exception {
    List<String> recordValues = new ArrayList<>();
    UUID poisoned;
    String profileId;
    try (PostgresqlTestSchema postgresql = new PostgresqlTestSchema();
        DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(200));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults().withRate(100).withMix(3, 5, 2).withSeed(11),
                null);
        ServiceProcess service = new ServiceProcess(data.resolve("service"))) {
      // Two test-jars on the class path carry a logback-test.xml; logback's warning about that
      // (printed as plain text before the JSON configuration applies) is no line of the service.
      service.start(
          List.of("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"),
          List.of("--log-format", "json"));
      ObjectNode destination = postgresql.destination();
      destination.put("password", DESTINATION_PASSWORD);
      ObjectNode document =
          SyncFixture.profile("json-logs", emulator, destination, true)
              .put("retryCount", 1)
              .put("retryIntervalSeconds", 0);
      profileId = service.json("POST", "profiles", document).path("id").asText();
      service.json("POST", "profiles/" + profileId + "/activate", null);
      workload.start();
      awaitAccountStatus(
          service, profileId, e -> e.path("initialSyncState").asText().equals("completed"));
      postgresql.execute(
          "ALTER TABLE "
              + postgresql.table("account")
              + " ADD CONSTRAINT no_poison CHECK (name IS NULL OR name <> '"
              + POISON
              + "')");
      EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
      poisoned = emulator.store().table("account").scan(0, 1).records().get(0).id();
      emulator.store().update(account, poisoned, Map.of(account.indexOf("name"), POISON));
      awaitAccountStatus(service, profileId, e -> e.path("failedNotifications").asLong() >= 1);
      workload.stop();
      for (Map<String, String> row : DestinationComparison.expected(emulator, account).values()) {
        String value = row.get("name");
        if (value != null && value.length() > 6 && recordValues.size() < 200) {
          recordValues.add(value);
        }
      }
      service.stop();
    }

    List<String> lines = Files.readAllLines(data.resolve("service-service.log"));
    List<JsonNode> logLines = new ArrayList<>();
    for (String line : lines) {
      if (BANNER.stream().anyMatch(line::startsWith)) {
        continue; // the server command's own output on stdout, not a log line
      }
      JsonNode parsed;
      try {
        parsed = JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
      assertThat(parsed.isObject()).as(line).isTrue();
      for (String field : List.of("time", "level", "logger", "message")) {
        assertThat(parsed.hasNonNull(field)).as("%s in %s", field, line).isTrue();
      }
      logLines.add(parsed);
    }
    assertThat(logLines).hasSizeGreaterThan(5);
    String profile = profileId;
    assertThat(logLines)
        .as("a line about an entity names its profile and entity")
        .anyMatch(
            l ->
                l.path("profile").asText().equals(profile)
                    && l.path("entity").asText().equals("account"));
    assertThat(logLines)
        .as("the line that gives the record up names it")
        .anyMatch(
            l ->
                l.path("level").asText().equals("ERROR")
                    && l.path("recordId").asText().equals(poisoned.toString()));
    String log = String.join("\n", lines);
    assertThat(log)
        .doesNotContain(EmulatorSettings.DEFAULT_CLIENT_SECRET)
        .doesNotContain(DESTINATION_PASSWORD)
        .doesNotContain(POISON);
    assertThat(recordValues).hasSizeGreaterThan(50);
    assertThat(recordValues).noneMatch(log::contains);
  }

  private static void awaitAccountStatus(
      ServiceProcess service, String id, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode entity :
          service.json("GET", "profiles/" + id + "/status", null).path("entities")) {
        if (entity.path("name").asText().equals("account") && condition.test(entity)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the account status did not reach the expected state within 60 s");
  }
}
