package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.kafka.KafkaBroker;
import io.dataexport.store.blob.ConfiguredKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with shared stores (SPEC §8): {@code ./dataexport server --config f.yaml} with the
 * config & metrics store on a real PostgreSQL, the bus on a real Kafka broker, the blobs on a real
 * S3-compatible server (S3Proxy, signatures checked) and the blob keys from the configuration. A
 * node with an empty data directory and the same configuration takes over where the first one
 * stopped: the profile is there and active, its readers resume from their saved cursors (no
 * re-export) and a notification parked in S3 by the first node is retried by the second.
 */
class SharedStoresEndToEndTest {
  private static final String POISON = "POISON";

  @TempDir Path work;
  private final String storeSchema =
      "store" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private PostgresqlTestSchema destination;
  private S3ProxyServer s3;
  private DataverseEmulator emulator;
  private ServiceProcess first;
  private ServiceProcess second;

  @BeforeEach
  void start() throws Exception {
    destination = new PostgresqlTestSchema();
    PostgresqlTestSchema.executeAsTest("CREATE SCHEMA \"" + storeSchema + "\"");
    s3 = S3ProxyServer.start();
    s3.createBucket("dataexport");
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(40));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      for (ServiceProcess node : new ServiceProcess[] {first, second}) {
        if (node != null) {
          node.close();
        }
      }
      if (emulator != null) {
        emulator.close();
      }
      if (s3 != null) {
        s3.close();
      }
    } finally {
      PostgresqlTestSchema.executeAsTest("DROP SCHEMA IF EXISTS \"" + storeSchema + "\" CASCADE");
      destination.close();
    }
  }

  @Test
  void aNodeWithAnEmptyDataDirectoryAndTheSameConfigurationTakesOver() throws Exception {
    Path config = writeConfiguration();
    first = new ServiceProcess(work.resolve("node-1"));
    first.start(List.of(), List.of("--config", config.toString()));
    ObjectNode document =
        SyncFixture.profile("shared", emulator, destination.destination(), false)
            .put("retryCount", 20)
            .put("retryIntervalSeconds", 5);
    String id = first.json("POST", "profiles", document).path("id").asText();
    first.json("POST", "profiles/" + id + "/activate", null);
    awaitStatus(first, id, "every initial sync completed", SharedStoresEndToEndTest::allCompleted);

    // a record the destination refuses is parked: its notification goes to S3, encrypted
    destination.execute(
        "ALTER TABLE "
            + destination.table("account")
            + " ADD CONSTRAINT no_poison CHECK (name IS NULL OR name NOT LIKE '"
            + POISON
            + "%')");
    EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
    Object[] values = new Object[account.attributes().size()];
    values[account.indexOf("name")] = POISON + " account";
    UUID poisoned = emulator.store().create(account, values).id();
    awaitStatus(first, id, "the poisoned account parked", s -> parked(s, "account") > 0);
    assertThat(s3.storedFiles()).as("the parked notification is in S3").isNotEmpty();
    for (Path file : s3.storedFiles()) {
      assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
          .doesNotContain(POISON);
    }
    Object contactsWritten = latestWrite("contact");
    first.stop();

    // while no node runs, a lead is created in the source
    EntityDefinition lead = emulator.store().metadata().entity("lead").orElseThrow();
    UUID offlineLead = emulator.store().create(lead, new Object[lead.attributes().size()]).id();

    Path emptyData = work.resolve("node-2");
    second = new ServiceProcess(emptyData);
    second.useToken(first.token());
    second.start(List.of(), List.of("--config", config.toString()));

    JsonNode profile = second.json("GET", "profiles/" + id, null);
    assertThat(profile.path("state").asText()).isEqualTo("active");
    assertThat(parked(second.json("GET", "profiles/" + id + "/status", null), "account"))
        .as("the parked notification is still there")
        .isPositive();
    destination.execute(
        "ALTER TABLE " + destination.table("account") + " DROP CONSTRAINT no_poison");

    SyncFixture.awaitConvergence(emulator, destination.database(), Duration.ofSeconds(60));
    JsonNode settled =
        awaitStatus(
            second, id, "nothing parked or pending", s -> allCompleted(s) && nothingPending(s));
    assertThat(settled.toString()).doesNotContain("\"resyncInProgress\":true");
    assertThat(latestWrite("contact"))
        .as("no contact row was written again: the readers resumed from their cursors")
        .isEqualTo(contactsWritten);
    assertThat(rowExists("account", poisoned)).isTrue();
    assertThat(rowExists("lead", offlineLead)).isTrue();
    assertThat(emptyData.resolve("config.sqlite")).doesNotExist();
    assertThat(emptyData.resolve("blobs")).doesNotExist();
  }

  private Path writeConfiguration() throws Exception {
    byte[] storeKey = new byte[32];
    new SecureRandom().nextBytes(storeKey);
    Map<String, String> blobs = s3.settings("dataexport");
    String url = PostgresqlTestSchema.URL;
    String yaml =
        String.join(
            "\n",
            "store:",
            "  url: \""
                + url
                + (url.contains("?") ? "&" : "?")
                + "currentSchema="
                + storeSchema
                + "\"",
            "  username: " + PostgresqlTestSchema.USER,
            PostgresqlTestSchema.PASSWORD.isEmpty()
                ? ""
                : "  password: \"" + PostgresqlTestSchema.PASSWORD + "\"",
            "  encryptionKey: \"" + Base64.getEncoder().encodeToString(storeKey) + "\"",
            "bus:",
            "  type: kafka",
            "  bootstrapServers: \"" + KafkaBroker.shared().bootstrapServers() + "\"",
            "  topicPrefix: " + storeSchema,
            "blobs:",
            "  type: s3",
            "  endpoint: \"" + blobs.get("endpoint") + "\"",
            "  region: " + blobs.get("region"),
            "  bucket: " + blobs.get("bucket"),
            "  accessKey: \"" + blobs.get("accessKey") + "\"",
            "  secretKey: \"" + blobs.get("secretKey") + "\"",
            "  pathStyle: true",
            "keys:",
            "  type: configured",
            "  primaryId: k1",
            "  keys: \"" + ConfiguredKeyProvider.newKeyEntry("k1") + "\"",
            "");
    Path file = work.resolve("dataexport.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private interface StatusCheck {
    boolean done(JsonNode status);
  }

  private static JsonNode awaitStatus(
      ServiceProcess node, String id, String what, StatusCheck check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = node.json("GET", "profiles/" + id + "/status", null);
      if (check.done(status)) {
        return status;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Timed out waiting for " + what + "; last status: " + status);
  }

  private static boolean allCompleted(JsonNode status) {
    JsonNode entities = status.path("entities");
    if (entities.size() < SyncFixture.ENTITIES.size()) {
      return false;
    }
    for (JsonNode entity : entities) {
      String state = entity.path("initialSyncState").asText();
      if (!state.equals("completed") && !state.equals("completedWithFailures")) {
        return false;
      }
    }
    return true;
  }

  private static boolean nothingPending(JsonNode status) {
    for (JsonNode entity : status.path("entities")) {
      if (entity.path("pendingNotifications").asLong() > 0
          || entity.path("parkedNotifications").asLong() > 0
          || entity.path("failedNotifications").asLong() > 0) {
        return false;
      }
    }
    return true;
  }

  private static long parked(JsonNode status, String entity) {
    for (JsonNode e : status.path("entities")) {
      if (e.path("name").asText().equals(entity)) {
        return e.path("parkedNotifications").asLong();
      }
    }
    return 0;
  }

  /** The latest SinkModifiedOn of a table: changes only when a row of it is written. */
  private Object latestWrite(String table) throws SQLException {
    try (Connection connection = destination.admin();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT max(\"SinkModifiedOn\"), count(*) FROM " + destination.table(table))) {
      row.next();
      assertThat(row.getLong(2)).as("rows of " + table).isPositive();
      return row.getObject(1);
    }
  }

  private boolean rowExists(String table, UUID id) throws SQLException {
    try (Connection connection = destination.admin();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT count(*) FROM "
                    + destination.table(table)
                    + " WHERE \"Id\" = '"
                    + id
                    + "'")) {
      row.next();
      return row.getLong(1) == 1;
    }
  }
}
