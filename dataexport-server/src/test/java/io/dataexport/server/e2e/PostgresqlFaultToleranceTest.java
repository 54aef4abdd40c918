package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.service.ProfileView;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination misbehaves while a workload syncs into a real PostgreSQL: connections killed in
 * the middle of batches, a table locked for longer than the lock timeout, the server restarted.
 * After each, the destination converges to the emulator (nothing lost, nothing twice: every record
 * once, with its latest state), no record is given up, and the counters add up with nothing
 * pending.
 */
class PostgresqlFaultToleranceTest {
  private static final Duration FAULT = Duration.ofSeconds(5);

  @TempDir Path data;
  private PostgresqlTestSchema postgresql;
  private DataverseEmulator emulator;
  private ChangeWorkload workload;
  private ServiceNode node;
  private String profileId;

  @BeforeEach
  void startSyncing() throws Exception {
    postgresql = new PostgresqlTestSchema();
    emulator =
        DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(200));
    workload =
        new ChangeWorkload(
            emulator.store(),
            WorkloadSettings.defaults().withRate(150).withMix(3, 5, 2).withSeed(11),
            null);
    node = ServiceNode.start(data.resolve("service"), "127.0.0.1", 0, SyncFixture.quickRetries());
    ObjectNode document =
        SyncFixture.profile("faults", emulator, postgresql.destination(), false)
            .put("retryCount", 12)
            .put("retryIntervalSeconds", 1);
    ProfileView profile = node.profiles().create(document);
    profileId = profile.id();
    node.profiles().activate(profileId);
    SyncFixture.awaitInitialSync(node, profileId);
    workload.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (workload != null) {
        workload.close();
      }
      if (node != null) {
        node.close();
      }
      if (emulator != null) {
        emulator.close();
      }
    } finally {
      if (postgresql != null) {
        postgresql.close();
      }
    }
  }

  @Test
  void connectionsKilledInTheMiddleOfBatchesLoseNothing() throws Exception {
    int killed = 0;
    long until = System.nanoTime() + FAULT.toNanos();
    while (System.nanoTime() < until) {
      killed += postgresql.terminateServiceConnections();
      Thread.sleep(150);
    }

    assertThat(killed).as("connections terminated").isPositive();
    assertConvergesWithCountersThatAddUp();
  }

  @Test
  void aTableLockedLongerThanTheLockTimeoutDelaysItsRecordsButLosesNothing() throws Exception {
    try (Connection holder = postgresql.admin();
        Statement lock = holder.createStatement()) {
      holder.setAutoCommit(false);
      lock.execute("LOCK TABLE " + postgresql.table("account") + " IN ACCESS EXCLUSIVE MODE");
      Thread.sleep(FAULT.toMillis());
      holder.rollback();
    }

    assertConvergesWithCountersThatAddUp();
  }

  @Test
  void aRestartOfTheDatabaseServerLosesNothing() throws Exception {
    Thread.sleep(1000);
    postgresql.restartServer();
    Thread.sleep(1000);

    assertConvergesWithCountersThatAddUp();
  }

  private void assertConvergesWithCountersThatAddUp() throws Exception {
    workload.stop();
    SyncFixture.awaitConvergence(emulator, postgresql.database(), Duration.ofSeconds(60));
    SyncFixture.assertSettledWithNothingGivenUp(
        EndToEndSyncTest.awaitNothingPending(node, profileId));
  }
}
