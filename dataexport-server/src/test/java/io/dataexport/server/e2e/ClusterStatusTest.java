package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.core.cluster.EntityFigures;
import io.dataexport.core.cluster.NodeReport;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.throttle.ServiceProtectionLimits;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.e2e.ClusterFixture.Heartbeat;
import io.dataexport.server.e2e.ClusterFixture.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's status is the cluster's whichever node answers it (SPEC §8): three nodes run a
 * profile of three entities under a workload, on a topic of two partitions, so one node's writer
 * applies nothing. That node's status shows every entity's throughput all the same — the sum of
 * what the other nodes report in their heartbeats — as does every other node's. Once the workload
 * stopped and everything read is applied, no node shows a lag or reports a change waiting. When the
 * source throttles every request, each change reader's error shows in the status asked of a node
 * that does not run that reader.
 */
class ClusterStatusTest {
  private static final List<String> ENTITIES = List.of("account", "contact", "lead");

  /**
   * One request per client in ten minutes: the source answers 429 with a Retry-After longer than
   * the service waits for a request, so each reader fails at once with the throttling as its error.
   */
  private static final ServiceProtectionLimits THROTTLED =
      new ServiceProtectionLimits(1, Duration.ofMinutes(20), 52, Duration.ofMinutes(10));

  @TempDir Path work;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void everyNodeAnswersWithTheClustersThroughputLagAndReaderErrors() throws Exception {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(300));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults()
                    .withRate(60)
                    .withMix(3, 6, 1)
                    .withEntities(ENTITIES)
                    .withSeed(31),
                null);
        PostgresqlTestSchema destination = new PostgresqlTestSchema();
        ClusterFixture cluster = new ClusterFixture(work, 2)) {
      List<Node> nodes = cluster.start(3);
      String id =
          nodes
              .get(0)
              .createAndActivate(ClusterFixture.profile("status", emulator, destination, ENTITIES));
      workload.start();
      ClusterFixture.awaitStatus(
          nodes.get(0),
          id,
          "the initial syncs",
          Duration.ofSeconds(90),
          s -> ClusterFixture.initialSyncsDone(s, ENTITIES.size()));

      // throughput: the node whose writer has no partition shows the others' sum
      Node idle = awaitIdleWriter(cluster, nodes.get(0), id);
      awaitIdleStatusEqualsTheOthersReports(cluster, idle, id);
      for (Node node : nodes) {
        ClusterFixture.awaitStatus(
            node,
            id,
            "a throughput for every entity",
            Duration.ofSeconds(60),
            s -> ENTITIES.stream().allMatch(e -> throughput(s, e) > 0));
      }
      workload.stop();

      // lag: once everything read is applied, none anywhere
      for (Node node : nodes) {
        JsonNode settled =
            ClusterFixture.awaitStatus(
                node,
                id,
                "everything applied and no lag",
                Duration.ofSeconds(90),
                s ->
                    ENTITIES.stream()
                        .map(e -> ClusterFixture.entity(s, e))
                        .allMatch(
                            e ->
                                e.path("pendingNotifications").asLong() == 0
                                    && e.path("lagSeconds").asLong() == 0));
        SyncFixture.assertSettledWithNothingGivenUp(settled);
      }
      awaitNothingReportedWaiting(cluster, id);

      // reader errors: each shows in the status of a node that does not run that reader
      Map<String, String> holders = ClusterFixture.readerHolders(nodes.get(0).cluster(), id);
      assertThat(holders).hasSize(ENTITIES.size());
      emulator.serviceProtection().enable(THROTTLED);
      for (String entity : ENTITIES) {
        Node asked = cluster.others(cluster.node(holders.get(entity))).get(0);
        JsonNode failing =
            ClusterFixture.awaitStatus(
                asked,
                id,
                "the error of " + entity + "'s reader on " + holders.get(entity),
                Duration.ofSeconds(60),
                s -> !ClusterFixture.entity(s, entity).path("error").asText().isEmpty());
        assertThat(ClusterFixture.readerHolders(asked.cluster(), id))
            .as("%s did not take the reader of %s meanwhile: %s", asked, entity, failing)
            .containsEntry(entity, holders.get(entity));
      }
    }
  }

  /**
   * Waits until the profile's two partitions are held by writers of live nodes and one node's
   * writer holds none; returns that node.
   */
  private static Node awaitIdleWriter(ClusterFixture cluster, Node asking, String id)
      throws Exception {
    JsonNode spread =
        ClusterFixture.awaitCluster(
            asking,
            "both partitions held and one writer without any",
            Duration.ofSeconds(60),
            c -> {
              int held = 0;
              boolean idle = false;
              for (JsonNode node : c.path("nodes")) {
                int partitions = node.path("partitions").path(id).size();
                held += partitions;
                idle |= runsWithoutPartition(node, id) && node.path("live").asBoolean();
              }
              return held == 2 && idle;
            });
    for (JsonNode node : spread.path("nodes")) {
      if (runsWithoutPartition(node, id) && node.path("live").asBoolean()) {
        return cluster.node(node.path("id").asText());
      }
    }
    throw new AssertionError("no idle writer in " + spread);
  }

  /** Whether a node of {@code GET /cluster} runs the profile's writer and it holds no partition. */
  private static boolean runsWithoutPartition(JsonNode node, String id) {
    return node.path("partitions").has(id) && node.path("partitions").path(id).isEmpty();
  }

  /**
   * Waits until the idle node applies nothing by its own report (its throughput of the initial
   * sync, if it had partitions then, has left the minute's window) and asks it for the status
   * between two reads of the heartbeats that find them unchanged: each entity's throughput is then
   * the sum of the other nodes' reports, and more than zero. The idle node's own part of the status
   * is what it knows at the call, not its last heartbeat: its next heartbeat must still report
   * nothing applied (the throughput window is a minute), or a rebalance gave it a partition
   * meanwhile and the round is repeated.
   */
  private static void awaitIdleStatusEqualsTheOthersReports(
      ClusterFixture cluster, Node idle, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    String last = "nothing yet";
    while (System.nanoTime() < deadline) {
      Map<String, Heartbeat> before = cluster.heartbeats();
      JsonNode status = idle.json("GET", "profiles/" + id + "/status", null);
      Map<String, Heartbeat> after = cluster.heartbeats();
      NodeReport own = before.get(idle.id()).report();
      if (appliesNothing(own, id)
          && before.equals(after)
          && ENTITIES.stream().allMatch(e -> throughput(status, e) > 0)
          && appliesNothing(nextHeartbeat(cluster, idle, before.get(idle.id())), id)) {
        for (String entity : ENTITIES) {
          double others =
              before.entrySet().stream()
                  .filter(node -> !node.getKey().equals(idle.id()))
                  .mapToDouble(node -> reported(node.getValue().report(), id, entity))
                  .sum();
          assertThat(throughput(status, entity))
              .as("%s's throughput on %s, from the heartbeats %s", entity, idle, before)
              .isCloseTo(others, within(0.011));
        }
        return;
      }
      last = "own report " + own + ", status " + status;
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Timed out waiting for " + idle + " to apply nothing and show a throughput: " + last);
  }

  /** Whether a node's report shows its writer without partitions and nothing applied lately. */
  private static boolean appliesNothing(NodeReport report, String id) {
    return report.partitions().getOrDefault(id, List.of()).isEmpty()
        && ENTITIES.stream().allMatch(e -> reported(report, id, e) == 0);
  }

  /** The node's first heartbeat after {@code since}. */
  private static NodeReport nextHeartbeat(ClusterFixture cluster, Node node, Heartbeat since)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Heartbeat now = cluster.heartbeats().get(node.id());
      if (now.at() > since.at()) {
        return now.report();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(node + " did not heartbeat within 30 s");
  }

  /** Waits until no node's heartbeat reports a change of the profile waiting. */
  private static void awaitNothingReportedWaiting(ClusterFixture cluster, String id)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, Heartbeat> heartbeats = cluster.heartbeats();
    while (System.nanoTime() < deadline) {
      heartbeats = cluster.heartbeats();
      boolean waiting =
          heartbeats.values().stream()
              .anyMatch(
                  h ->
                      ENTITIES.stream()
                          .anyMatch(
                              e ->
                                  h.report()
                                      .figures(id, e)
                                      .map(EntityFigures::lagMillis)
                                      .isPresent()));
      if (!waiting) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("A node still reports a change waiting: " + heartbeats);
  }

  private static double reported(NodeReport report, String id, String entity) {
    return report.figures(id, entity).map(EntityFigures::throughput).orElse(0.0);
  }

  private static double throughput(JsonNode status, String entity) {
    return ClusterFixture.entity(status, entity).path("throughputPerSecond").asDouble();
  }
}
