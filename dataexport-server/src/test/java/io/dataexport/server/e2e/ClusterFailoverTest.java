package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.e2e.ClusterFixture.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode survives its nodes dying (SPEC §8), each node its own JVM on one PostgreSQL store,
 * one Kafka bus and one S3 blob store: a profile of four entities under a workload of creates,
 * updates and deletes; the node holding most readers is killed with SIGKILL during the initial
 * sync, another one while the changes stream, and the first is started again. The readers move to
 * the live nodes within a lease's time, the restarted node gets work again, and once the workload
 * stops the destination equals the source row by row and every entity's counters add up with
 * nothing failed.
 */
class ClusterFailoverTest {
  private static final List<String> ENTITIES = List.of("account", "contact", "lead", "opportunity");
  private static final Duration TAKE_OVER =
      Duration.ofSeconds(ClusterFixture.LEASE_SECONDS * 3L + 10);

  @TempDir Path work;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void readersMoveToLiveNodesAndTheDestinationEndsEqualToTheSource() throws Exception {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults().withPort(0).withSeedRecords(6000).withSeed(12));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults()
                    .withRate(150)
                    .withMix(3, 5, 2)
                    .withEntities(ENTITIES)
                    .withSeed(12),
                null);
        PostgresqlTestSchema destination = new PostgresqlTestSchema();
        ClusterFixture cluster = new ClusterFixture(work)) {
      List<Node> nodes = cluster.start(3);
      Node first = nodes.get(0);
      ObjectNode document = ClusterFixture.profile("failover", emulator, destination, ENTITIES);
      document.put("retryCount", 20).put("retryIntervalSeconds", 2);
      String id = first.create(document);
      workload.start();
      first.json("POST", "profiles/" + id + "/activate", null);

      // SIGKILL the node holding most readers while the initial sync runs
      JsonNode spread =
          ClusterFixture.awaitCluster(
              first,
              "every reader lease taken",
              Duration.ofSeconds(60),
              c -> ClusterFixture.readerHolders(c, id).size() == ENTITIES.size());
      Node victim = cluster.node(mostReaders(ClusterFixture.readerHolders(spread, id)));
      List<String> victimEntities = entitiesOf(ClusterFixture.readerHolders(spread, id), victim);
      JsonNode beforeKill = first.json("GET", "profiles/" + id + "/status", null);
      victim.kill();
      assertThat(victimEntities)
          .as(
              "the killed node was still in the initial sync of one of its entities: %s",
              beforeKill)
          .anyMatch(
              e ->
                  !ClusterFixture.entity(beforeKill, e)
                      .path("initialSyncState")
                      .asText()
                      .startsWith("completed"));
      Node survivor = cluster.others(victim).get(0);
      awaitReadersOnlyOn(survivor, id, cluster.others(victim));

      ClusterFixture.awaitStatus(
          survivor,
          id,
          "every initial sync completed after the take-over",
          Duration.ofSeconds(120),
          s -> ClusterFixture.initialSyncsDone(s, ENTITIES.size()));

      // SIGKILL another node holding readers while the changes stream
      Thread.sleep(2000);
      JsonNode streaming = survivor.cluster();
      Node second = cluster.node(mostReaders(ClusterFixture.readerHolders(streaming, id)));
      assertThat(second).isNotEqualTo(victim);
      second.kill();
      Node last = cluster.others(victim, second).get(0);
      awaitReadersOnlyOn(last, id, List.of(last));

      // the first victim comes back and gets a share of the readers again
      victim.start();
      ClusterFixture.awaitCluster(
          last,
          "the restarted " + victim + " reading again",
          TAKE_OVER,
          c ->
              ClusterFixture.readerHolders(c, id).containsValue(victim.id())
                  && ClusterFixture.readerHolders(c, id).size() == ENTITIES.size());
      Thread.sleep(2000);
      workload.stop();
      assertThat(workload.deleted()).isPositive();

      List<EntityDefinition> exported =
          ENTITIES.stream().map(e -> emulator.store().metadata().entity(e).orElseThrow()).toList();
      SyncFixture.awaitConvergence(
          emulator, destination.database(), exported, Duration.ofSeconds(120));
      JsonNode settled =
          ClusterFixture.awaitStatus(
              victim,
              id,
              "nothing pending",
              Duration.ofSeconds(60),
              s -> {
                for (JsonNode e : s.path("entities")) {
                  if (e.path("pendingNotifications").asLong() != 0
                      || e.path("totalNotifications").asLong()
                          != e.path("succeededNotifications").asLong()
                              + e.path("failedNotifications").asLong()) {
                    return false;
                  }
                }
                return true;
              });
      assertThat(settled.path("entities")).hasSize(ENTITIES.size());
      SyncFixture.assertSettledWithNothingGivenUp(settled);
      for (JsonNode e : settled.path("entities")) {
        assertThat(e.path("succeededNotifications").asLong()).as(e.toString()).isPositive();
        assertThat(e.path("initialSyncState").asText()).isEqualTo("completed");
      }
    }
  }

  /** Waits until every reader lease is held by one of {@code holders}, as {@code asking} says. */
  private static void awaitReadersOnlyOn(Node asking, String id, List<Node> holders)
      throws Exception {
    List<String> ids = holders.stream().map(Node::id).toList();
    JsonNode cluster =
        ClusterFixture.awaitCluster(
            asking,
            "every reader on " + ids,
            TAKE_OVER,
            c -> {
              Map<String, String> readers = ClusterFixture.readerHolders(c, id);
              return readers.size() == ENTITIES.size() && ids.containsAll(readers.values());
            });
    for (String holder : ClusterFixture.readerHolders(cluster, id).values()) {
      assertThat(ClusterFixture.live(cluster, holder)).as(holder + " is live").isTrue();
    }
  }

  private static String mostReaders(Map<String, String> holders) {
    Map<String, Long> counts =
        holders.values().stream().collect(Collectors.groupingBy(h -> h, Collectors.counting()));
    return Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
  }

  private static List<String> entitiesOf(Map<String, String> holders, Node node) {
    return holders.entrySet().stream()
        .filter(e -> e.getValue().equals(node.id()))
        .map(Map.Entry::getKey)
        .toList();
  }
}
