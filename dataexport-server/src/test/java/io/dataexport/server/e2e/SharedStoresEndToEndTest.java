package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path work;
  private PostgresqlTestSchema destination;
  private SharedStores stores;
  private DataverseEmulator emulator;
  private ServiceProcess first;
  private ServiceProcess second;

  @BeforeEach
  void start() throws Exception {
    destination = new PostgresqlTestSchema();
    stores = new SharedStores("store", "store");
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
    } finally {
      try {
        if (stores != null) {
          stores.close();
        }
      } finally {
        destination.close();
      }
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
    first.awaitStatus(
        id, "every initial sync completed", WAIT, SharedStoresEndToEndTest::allCompleted);

    // a record the destination refuses is parked: its notification goes to S3, encrypted
    UUID poisoned = PoisonedAccount.create(destination, emulator);
    first.awaitStatus(id, "the poisoned account parked", WAIT, s -> parked(s, "account") > 0);
    assertThat(stores.s3().storedFiles()).as("the parked notification is in S3").isNotEmpty();
    for (Path file : stores.s3().storedFiles()) {
      assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
          .doesNotContain(PoisonedAccount.POISON);
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
    PoisonedAccount.accept(destination);

    SyncFixture.awaitConvergence(emulator, destination.database(), Duration.ofSeconds(60));
    JsonNode settled =
        second.awaitStatus(
            id, "nothing parked or pending", WAIT, s -> allCompleted(s) && nothingPending(s));
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
    Path file = work.resolve("dataexport.yaml");
    Files.writeString(file, stores.yaml(stores.storeUrl(Optional.empty())));
    return file;
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
