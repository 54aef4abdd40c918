package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.service.ProfileView;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.AppliedChange;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario of {@link EndToEndSyncTest} against a database server: seeded data plus a random
 * workload during and after the initial sync end up in the destination exactly, deletions included,
 * with the DES metadata tables. A subclass per database supplies a fresh schema (or database) and
 * drops it afterwards.
 */
abstract class DatabaseEndToEndScenario {
  @TempDir Path data;

  /** The profile's {@code destination} block, pointing at this test's fresh schema. */
  protected abstract ObjectNode destination();

  /** How to read that schema back. */
  protected abstract DestinationDatabase database();

  /** The service's configuration: by default the embedded stores in {@code service}. */
  protected ServiceConfig serviceConfig(Path service) {
    return ServiceConfig.embedded(service, "127.0.0.1", 0);
  }

  @Test
  void destinationEqualsTheEmulatorAfterARandomWorkloadDuringAndAfterTheInitialSync()
      throws Exception {
    List<AppliedChange> changes = new CopyOnWriteArrayList<>();
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(1500));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults().withRate(300).withMix(3, 5, 2).withSeed(7),
                changes::add);
        ServiceNode node =
            ServiceNode.start(
                serviceConfig(data.resolve("service")),
                SyncSettings.defaults().withPollInterval(Duration.ofMillis(200)))) {
      ObjectNode document = SyncFixture.profile("e2e", emulator, destination(), true);
      assertThat(node.profiles().validate(document)).isEmpty();
      ProfileView profile = node.profiles().create(document);
      workload.start();
      node.profiles().activate(profile.id());
      SyncFixture.awaitInitialSync(node, profile.id());
      int afterInitialSync = changes.size();
      Thread.sleep(3000);
      workload.stop();

      SyncFixture.awaitConvergence(emulator, database(), Duration.ofSeconds(90));

      assertThat(workload.deleted()).isGreaterThan(50);
      try (Connection connection = database().connect()) {
        SyncFixture.assertDeleteLogHoldsTheDeletions(
            connection, database(), changes, afterInitialSync);
        assertMetadataTablesMatch(connection, emulator);
      }
      var status = node.profiles().status(profile.id()).toJson();
      assertThat(status.path("entities"))
          .allSatisfy(e -> assertThat(e.path("initialSyncState").asText()).isEqualTo("completed"));
      for (var e : status.path("entities")) {
        assertThat(e.path("failedNotifications").asLong()).as(e.toString()).isZero();
      }
    }
  }

  private void assertMetadataTablesMatch(Connection connection, DataverseEmulator emulator)
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

  private int count(Connection connection, String table) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COUNT(*) FROM " + database().table(table))) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
