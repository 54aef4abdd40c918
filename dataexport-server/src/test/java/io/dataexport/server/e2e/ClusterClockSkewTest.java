package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.server.e2e.ClusterFixture.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes whose clocks disagree still converge (SPEC §8). A full read ends by sweeping the rows
 * written before its start; the start is taken on the reader's node and the rows' write times on
 * the writers' nodes, so both must come from one clock: each node sets its own by the store's. One
 * node here runs a minute behind (the {@code dataexport.clockOffset} test hook); its writer applies
 * part of every entity's records, read on both nodes, through the initial sync and a resync.
 */
class ClusterClockSkewTest {
  private static final List<String> ENTITIES = List.of("account", "contact", "lead", "opportunity");

  @TempDir Path work;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aNodeWhoseClockIsAMinuteBehindLosesNoRowToAFullReadsSweep() throws Exception {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults().withPort(0).withSeedRecords(800).withSeed(21));
        PostgresqlTestSchema destination = new PostgresqlTestSchema();
        ClusterFixture cluster = new ClusterFixture(work, 4)) {
      Node on = cluster.add(1, Optional.empty()).start();
      Node behind =
          cluster.add(2, Optional.empty()).start(List.of("-Ddataexport.clockOffset=-PT1M"));
      String id =
          on.createAndActivate(ClusterFixture.profile("skew", emulator, destination, ENTITIES));

      JsonNode cluster1 =
          ClusterFixture.awaitCluster(
              on,
              "both nodes reading and writing, the late one reporting its clock's offset",
              Duration.ofSeconds(60),
              c ->
                  ClusterFixture.readerHolders(c, id).containsValue(on.id())
                      && ClusterFixture.readerHolders(c, id).containsValue(behind.id())
                      && clockOffsetMillis(c, behind.id()) < -55_000);
      assertThat(clockOffsetMillis(cluster1, on.id())).isBetween(-5_000L, 5_000L);
      ClusterFixture.awaitStatus(
          on,
          id,
          "the initial syncs",
          Duration.ofSeconds(120),
          s -> ClusterFixture.initialSyncsDone(s, ENTITIES.size()));
      List<EntityDefinition> exported =
          ENTITIES.stream().map(e -> emulator.store().metadata().entity(e).orElseThrow()).toList();
      SyncFixture.awaitConvergence(
          emulator, destination.database(), exported, Duration.ofSeconds(60));

      for (String entity : ENTITIES) {
        on.json("POST", "profiles/" + id + "/entities/" + entity + "/resync", null);
        awaitAnyLog(cluster, "Re-exporting " + entity + " of profile " + id);
      }
      ClusterFixture.awaitStatus(
          behind,
          id,
          "the resyncs",
          Duration.ofSeconds(120),
          s ->
              ENTITIES.stream()
                  .map(e -> ClusterFixture.entity(s, e))
                  .allMatch(
                      e ->
                          e.path("initialSyncState").asText().equals("completed")
                              && !e.path("resyncInProgress").asBoolean()));
      SyncFixture.awaitConvergence(
          emulator, destination.database(), exported, Duration.ofSeconds(60));
      assertThat(behind.log()).contains("clock is 60 s behind the store's");
    }
  }

  private static void awaitAnyLog(ClusterFixture cluster, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (Node node : cluster.nodes()) {
        if (node.log().contains(line)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No node logged \"" + line + "\" within 60 s");
  }

  /** The clock offset a node reports in its heartbeat; 0 when it reports none. */
  private static long clockOffsetMillis(JsonNode cluster, String nodeId) {
    for (JsonNode node : cluster.path("nodes")) {
      if (node.path("id").asText().equals(nodeId)) {
        return node.path("clockOffsetMillis").asLong();
      }
    }
    return 0;
  }
}
