package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resync of failed records as a background job, with the service as its own process and the
 * emulator over HTTP: 20,000 records a trigger of the SQLite destination rejects are in the failure
 * log; once the trigger is gone, the resync answers at once (202, running; a second request joins
 * it), shows its progress in the status, is killed with SIGKILL mid-way, and after the restart goes
 * on by itself (the CLI, asking again, joins it and follows its progress) to the end: every record
 * in the destination, the log empty, the counters adding up.
 */
class FailureResyncEndToEndTest {
  private static final int FAILED = 20_000;
  private static final String POISON = "POISON";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // the CLI's --wait follows the job without a bound
  void aResyncOfTwentyThousandFailedRecordsAnswersAtOnceSurvivesSigkillAndCompletes()
      throws Exception {
    Path sqlite = data.resolve("crm.sqlite");
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(10));
        ServiceProcess service = new ServiceProcess(data.resolve("service"))) {
      service.start();
      ObjectNode document = SyncFixture.profile("resync", emulator, sqlite, false);
      document.putArray("entities").add("account");
      document.putArray("relationships");
      document.put("retryCount", 0);
      String id = service.json("POST", "profiles", document).path("id").asText();
      service.json("POST", "profiles/" + id + "/activate", null);
      await(
          service,
          id,
          "the initial sync",
          s -> account(s).path("initialSyncState").asText().equals("completed"),
          Duration.ofSeconds(60));

      execute(
          sqlite,
          "CREATE TRIGGER no_poison BEFORE INSERT ON account WHEN NEW.name LIKE '"
              + POISON
              + "%' BEGIN SELECT RAISE(ABORT, 'no poison'); END");
      EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
      for (int i = 0; i < FAILED; i++) {
        Object[] values = new Object[account.attributes().size()];
        values[account.indexOf("name")] = POISON + " account " + i;
        emulator.store().create(account, values);
      }
      await(
          service,
          id,
          FAILED + " records in the failure log",
          s -> s.path("failureLogRecords").asLong() == FAILED,
          Duration.ofSeconds(120));
      execute(sqlite, "DROP TRIGGER no_poison");

      HttpResponse<String> started =
          service.request("POST", "profiles/" + id + "/failures/resync", null);
      HttpResponse<String> again =
          service.request("POST", "profiles/" + id + "/failures/resync", null);

      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      JsonNode job = JSON.readTree(started.body());
      assertThat(job.path("state").asText()).isEqualTo("running");
      assertThat(job.path("joined").asBoolean()).isFalse();
      assertThat(job.path("totalRecords").asLong()).isEqualTo(FAILED);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
      JsonNode joined = JSON.readTree(again.body());
      assertThat(joined.path("joined").asBoolean()).as("a second request joins the job").isTrue();
      assertThat(joined.path("startedAt")).isEqualTo(job.path("startedAt"));

      JsonNode midway =
          await(
                  service,
                  id,
                  "the resync under way",
                  s -> s.path("failureResync").path("resyncedRecords").asLong() >= FAILED / 10,
                  Duration.ofSeconds(60))
              .path("failureResync");
      service.kill();
      assertThat(midway.path("state").asText()).isEqualTo("running");
      assertThat(midway.path("percent").asDouble()).as("killed mid-way").isBetween(1.0, 99.0);

      service.start();
      JsonNode resumed =
          service.json("GET", "profiles/" + id + "/status", null).path("failureResync");
      assertThat(resumed.path("state").asText())
          .as("the job shows after the restart")
          .isEqualTo("running");
      assertThat(resumed.path("startedAt")).isEqualTo(job.path("startedAt"));
      assertThat(resumed.path("resyncedRecords").asLong())
          .as("progress is durable")
          .isGreaterThanOrEqualTo(midway.path("resyncedRecords").asLong());
      // the CLI asking again joins the job taken up after the restart and follows it to its end
      SyncFixture.Cli follow =
          SyncFixture.profileCommand(
              service.port(), service.token(), "resync-failures", id, "--wait");
      assertThat(follow.exitCode()).as(follow.err()).isZero();
      assertThat(follow.out())
          .contains("running already")
          .contains("Resync of failed records running: ")
          .contains(
              "Resync of failed records completed: "
                  + FAILED
                  + " of "
                  + FAILED
                  + " resynced, 0 skipped (100.0 %)");
      JsonNode done = service.json("GET", "profiles/" + id + "/status", null);

      JsonNode resync = done.path("failureResync");
      assertThat(resync.path("resyncedRecords").asLong()).isEqualTo(FAILED);
      assertThat(resync.path("skippedRecords").asLong()).isZero();
      assertThat(resync.path("percent").asDouble()).isEqualTo(100.0);
      assertThat(done.path("failureLogRecords").asLong()).isZero();
      awaitAccountsEqual(emulator, sqlite, account);
      JsonNode settled =
          await(
              service,
              id,
              "nothing pending",
              s -> account(s).path("pendingNotifications").asLong() == 0,
              Duration.ofSeconds(60));
      JsonNode counters = account(settled);
      assertThat(counters.path("totalNotifications").asLong())
          .isEqualTo(
              counters.path("succeededNotifications").asLong()
                  + counters.path("failedNotifications").asLong());
      assertThat(counters.path("succeededNotifications").asLong())
          .as("every record applied, some of the page in hand at the kill twice")
          .isGreaterThanOrEqualTo(FAILED + 10);
    }
  }

  private interface Condition {
    boolean holds(JsonNode status);
  }

  /** Polls the profile's status until the condition holds; returns that status. */
  private static JsonNode await(
      ServiceProcess service, String id, String what, Condition condition, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode status;
    do {
      status = service.json("GET", "profiles/" + id + "/status", null);
      if (condition.holds(status)) {
        return status;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("timed out after " + timeout + " waiting for " + what + ": " + status);
  }

  private static JsonNode account(JsonNode status) {
    for (JsonNode entity : status.path("entities")) {
      if (entity.path("name").asText().equals("account")) {
        return entity;
      }
    }
    throw new AssertionError("no account in " + status);
  }

  private static void awaitAccountsEqual(
      DataverseEmulator emulator, Path sqlite, EntityDefinition account) throws Exception {
    DestinationDatabase database = DestinationDatabase.sqlite(sqlite);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> differences;
    do {
      differences = SyncFixture.differences(emulator, database, List.of(account));
      if (differences.isEmpty()) {
        return;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    assertThat(differences).as("accounts differ from the emulator's").isEmpty();
  }

  /** One statement on the destination file, beside the service (WAL; waits for its lock). */
  private static void execute(Path sqlite, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 10000");
      statement.execute(sql);
    }
  }
}
