package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.core.service.ProfileView;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.AppliedChange;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's promise, end to end over HTTP: seeded data plus a random workload during and after
 * the initial sync end up in the destination exactly, deletions included, with DES metadata tables.
 */
class EndToEndSyncTest {
  @TempDir Path data;

  @Test
  void destinationEqualsTheEmulatorAfterARandomWorkloadDuringAndAfterTheInitialSync()
      throws Exception {
    Path sqlite = data.resolve("crm.sqlite");
    List<AppliedChange> changes = new CopyOnWriteArrayList<>();
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(1500));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults().withRate(300).withMix(3, 5, 2).withSeed(5),
                changes::add);
        ServiceNode node =
            ServiceNode.start(
                data.resolve("service"),
                "127.0.0.1",
                0,
                SyncSettings.defaults().withPollInterval(Duration.ofMillis(200)))) {
      ProfileView profile =
          node.profiles().create(SyncFixture.profile("e2e", emulator, sqlite, true));
      workload.start();
      node.profiles().activate(profile.id());
      SyncFixture.awaitInitialSync(node, profile.id());
      int afterInitialSync = changes.size();
      Thread.sleep(3000);
      workload.stop();

      SyncFixture.awaitConvergence(emulator, sqlite, Duration.ofSeconds(90));

      assertThat(workload.deleted()).isGreaterThan(50);
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
        SyncFixture.assertDeleteLogHoldsTheDeletions(
            connection, DestinationDatabase.sqlite(sqlite), changes, afterInitialSync);
        assertMetadataTablesMatch(connection, emulator);
      }
      var status = awaitNothingPending(node, profile.id());
      assertThat(status.path("entities"))
          .allSatisfy(e -> assertThat(e.path("initialSyncState").asText()).isEqualTo("completed"));
      long total = 0;
      for (var e : status.path("entities")) {
        total += e.path("totalNotifications").asLong();
        assertThat(e.path("totalNotifications").asLong())
            .isEqualTo(
                e.path("succeededNotifications").asLong() + e.path("failedNotifications").asLong());
      }
      assertThat(total).isGreaterThanOrEqualTo(1500L * 5);
    }
  }

  /**
   * The status once every notification read has been handled: the destination can equal the
   * emulator while notifications that change nothing (a change read twice) are still on the bus.
   */
  static com.fasterxml.jackson.databind.JsonNode awaitNothingPending(ServiceNode node, String id)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      var status = node.profiles().status(id).toJson();
      boolean settled = true;
      for (var e : status.path("entities")) {
        settled &= e.path("pendingNotifications").asLong() == 0;
      }
      if (settled || System.nanoTime() > deadline) {
        return status;
      }
      Thread.sleep(100);
    }
  }

  private static void assertMetadataTablesMatch(Connection connection, DataverseEmulator emulator)
      throws Exception {
    SyncFixture.ExpectedMetadata expected = SyncFixture.expectedMetadata(emulator);
    assertThat(count(connection, "StateMetadata")).isEqualTo(expected.states());
    assertThat(count(connection, "StatusMetadata")).isEqualTo(expected.statuses());
    assertThat(count(connection, "TargetMetadata")).isEqualTo(expected.targets());
    assertThat(count(connection, "OptionSetMetadata"))
        .isGreaterThanOrEqualTo(expected.localOptions());
    assertThat(count(connection, "GlobalOptionSetMetadata"))
        .isGreaterThanOrEqualTo(expected.globalOptions());
    assertThat(count(connection, "AttributeMetadata"))
        .isGreaterThanOrEqualTo(expected.attributes() - 1);
  }

  private static int count(Connection connection, String table) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
