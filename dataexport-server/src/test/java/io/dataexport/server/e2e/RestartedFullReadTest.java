package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.StoredRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full read that starts over after a crash leaves no deleted record behind. The service runs as
 * its own process and a test hook halts it at the moment that used to lose deletes: the first page
 * of a full read is on the bus, the cursor has not moved past it, so the restart reads the entity
 * from the start again. Records of that page deleted before the restart must leave the destination
 * and reach the DeleteLog.
 */
class RestartedFullReadTest {
  private static final int RECORDS = 12_000; // three pages of 5,000
  private static final int DELETED = 12;

  @TempDir Path data;

  @Test
  void anInitialSyncStartingOverAfterACrashSweepsTheRecordsDeletedMeanwhile() throws Exception {
    runScenario(1, (service, id) -> {});
  }

  @Test
  void aResyncStartingOverAfterACrashSweepsTheRecordsDeletedMeanwhile() throws Exception {
    // the first full read is the initial sync; the second, the resync, is the one halted
    runScenario(
        2,
        (service, id) -> {
          awaitInitialSync(service, id);
          service.request("POST", "profiles/" + id + "/entities/account/resync", null);
        });
  }

  /** What the test does between activation and the halt. */
  private interface BeforeHalt {
    void run(ServiceProcess service, String profileId) throws Exception;
  }

  private void runScenario(int haltAtFullRead, BeforeHalt beforeHalt) throws Exception {
    Path sqlite = data.resolve("crm.sqlite");
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults().withPort(0).withSeedRecords(RECORDS));
        ServiceProcess service = new ServiceProcess(data.resolve("service"))) {
      EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
      service.start(
          List.of("-Ddataexport.test.crashAt=first-page-published:account:" + haltAtFullRead));
      ObjectNode document = SyncFixture.profile("restart", emulator, sqlite, true);
      document.putArray("entities").add("account");
      document.putArray("relationships");
      String id = service.json("POST", "profiles", document).path("id").asText();
      service.json("POST", "profiles/" + id + "/activate", null);
      beforeHalt.run(service, id);

      service.awaitExit(Duration.ofSeconds(60));
      List<String> deleted = new ArrayList<>();
      List<StoredRecord> firstPage = emulator.store().table("account").scan(0, 5000).records();
      for (int i = 0; i < DELETED; i++) {
        StoredRecord record = firstPage.get(i * 400);
        emulator.store().delete(account, record.id());
        deleted.add("account/" + record.id());
      }
      service.start();

      DestinationDatabase database = DestinationDatabase.sqlite(sqlite);
      awaitNoDifferences(emulator, database, account);
      try (Connection connection = database.connect()) {
        assertThat(SyncFixture.loggedDeletes(connection, database)).containsAll(deleted);
      }
      assertThat(Files.readString(service.log()))
          .as("the hook halted the service where asked")
          .contains("Crash point first-page-published reached for account");
    }
  }

  private static void awaitNoDifferences(
      DataverseEmulator emulator, DestinationDatabase database, EntityDefinition entity)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<String> differences = List.of();
    while (System.nanoTime() < deadline) {
      differences = SyncFixture.differences(emulator, database, List.of(entity));
      if (differences.isEmpty()) {
        return;
      }
      Thread.sleep(500);
    }
    assertThat(differences).as("destination differs from the emulator").isEmpty();
  }

  private static void awaitInitialSync(ServiceProcess service, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode entities = service.json("GET", "profiles/" + id + "/status", null).path("entities");
      if (entities.size() > 0
          && entities.get(0).path("initialSyncState").asText().equals("completed")
          && !entities.get(0).path("resyncInProgress").asBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the initial sync did not complete within 60 s");
  }
}
