package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.kafka.KafkaBroker;
import io.dataexport.server.e2e.ClusterFixture.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's life in a cluster of three nodes, each call sent to another node than the one before
 * (SPEC §8: every node serves the whole API): create, status, deactivate (every node stops its
 * readers), an expired change token while inactive (a full re-export on activation), the resync of
 * an entity (re-exported by whichever node reads it), adding and removing an entity, the resync of
 * failed records (run by the node leading the profile) and deletion (its topic and blobs gone, no
 * node running it any more) — with the same outcomes as on a single node.
 */
class ClusterLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path work;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void everyCallWorksOnWhicheverNodeReceivesIt() throws Exception {
    PostgresqlTestSchema destination = new PostgresqlTestSchema();
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults()
                    .withPort(0)
                    .withSeedRecords(200)
                    .withChangeRetention(Duration.ofSeconds(6)));
        ClusterFixture cluster = new ClusterFixture(work)) {
      List<Node> nodes = cluster.start(3);
      Node one = nodes.get(0);
      Node two = nodes.get(1);
      Node three = nodes.get(2);

      // create on node 1, status on node 3
      ObjectNode document =
          ClusterFixture.profile("lifecycle", emulator, destination, List.of("account", "contact"));
      document.put("retryCount", 0);
      String id = one.createAndActivate(document);
      ClusterFixture.awaitStatus(
          three, id, "the initial syncs", WAIT, s -> ClusterFixture.initialSyncsDone(s, 2));
      awaitConverged(emulator, destination, "account", "contact");

      // deactivate on node 2: every node stops its readers and hands the leases back
      two.json("POST", "profiles/" + id + "/deactivate", null);
      ClusterFixture.awaitCluster(
          one,
          "no node reading the inactive profile",
          WAIT,
          c -> ClusterFixture.readerHolders(c, id).isEmpty() && noNodeReports(c, id));
      assertThat(three.json("GET", "profiles/" + id, null).path("state").asText())
          .isEqualTo("inactive");

      // the change token expires while the profile rests: activating re-exports in full
      ChangeWorkload workload =
          new ChangeWorkload(
              emulator.store(),
              WorkloadSettings.defaults()
                  .withMix(1, 2, 3)
                  .withEntities(List.of("account", "contact"))
                  .withSeed(31),
              null);
      workload.applyChanges(120);
      Thread.sleep(7000);
      emulator.store().forgetExpiredChanges();
      three.json("POST", "profiles/" + id + "/activate", null);
      awaitConverged(emulator, destination, "account", "contact");
      assertThat(workload.deleted()).isPositive();
      assertThat(anyLogContains(cluster, "Change token of account expired"))
          .as("a node found the change token expired")
          .isTrue();

      // resync an entity on node 3: the node reading it exports it again
      three.json("POST", "profiles/" + id + "/entities/contact/resync", null);
      awaitLog(cluster, "Re-exporting contact of profile " + id);
      ClusterFixture.awaitStatus(
          one,
          id,
          "the re-export of contact finished",
          WAIT,
          s ->
              ClusterFixture.entity(s, "contact")
                      .path("initialSyncState")
                      .asText()
                      .equals("completed")
                  && !ClusterFixture.entity(s, "contact").path("resyncInProgress").asBoolean());
      awaitConverged(emulator, destination, "account", "contact");

      // add an entity, then remove it, on node 2
      document.putArray("entities").add("account").add("contact").add("lead");
      two.json("PUT", "profiles/" + id, document);
      ClusterFixture.awaitCluster(
          one,
          "a reader of lead",
          WAIT,
          c -> ClusterFixture.readerHolders(c, id).containsKey("lead"));
      awaitConverged(emulator, destination, "account", "contact", "lead");
      document.putArray("entities").add("account").add("contact");
      two.json("PUT", "profiles/" + id, document);
      ClusterFixture.awaitCluster(
          three,
          "no reader of lead any more",
          WAIT,
          c ->
              !ClusterFixture.readerHolders(c, id).containsKey("lead")
                  && ClusterFixture.readerHolders(c, id).size() == 2);

      // a record the destination refuses goes to the failure log; its resync, asked of node 1,
      // writes it once the destination takes it
      PoisonedAccount.create(destination, emulator);
      ClusterFixture.awaitStatus(
          two,
          id,
          "the poisoned account in the failure log",
          WAIT,
          s -> s.path("failureLogRecords").asLong() == 1);
      PoisonedAccount.accept(destination);
      JsonNode started = one.json("POST", "profiles/" + id + "/failures/resync", null);
      assertThat(started.toString()).contains("running");
      ClusterFixture.awaitStatus(
          three,
          id,
          "the failure log emptied",
          WAIT,
          s -> s.path("failureLogRecords").asLong() == 0);
      awaitConverged(emulator, destination, "account", "contact");
      // as on a single node, the given-up notification stays counted as failed; the resync's
      // own notification is counted received and applied, so the counters still add up
      JsonNode settled =
          ClusterFixture.awaitStatus(
              one,
              id,
              "nothing pending",
              WAIT,
              s -> ClusterFixture.entity(s, "account").path("pendingNotifications").asLong() == 0);
      JsonNode counters = ClusterFixture.entity(settled, "account");
      assertThat(counters.path("failedNotifications").asLong()).isEqualTo(1);
      assertThat(counters.path("totalNotifications").asLong())
          .isEqualTo(
              counters.path("succeededNotifications").asLong()
                  + counters.path("failedNotifications").asLong());

      // delete on node 3: gone everywhere, its topic and blobs too
      three.process().request("DELETE", "profiles/" + id, null);
      assertThat(one.process().request("GET", "profiles/" + id, null).statusCode()).isEqualTo(404);
      ClusterFixture.awaitCluster(
          two,
          "no node running the deleted profile",
          WAIT,
          c -> ClusterFixture.readerHolders(c, id).isEmpty() && noNodeRuns(c, id));
      try (Admin admin = KafkaBroker.shared().admin()) {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(topics).noneMatch(t -> t.contains(id));
      }
      assertThat(cluster.s3().storedFiles()).noneMatch(f -> f.toString().contains(id));
    } finally {
      destination.close();
    }
  }

  private static void awaitConverged(
      DataverseEmulator emulator, PostgresqlTestSchema destination, String... entities)
      throws Exception {
    SyncFixture.awaitConvergence(
        emulator,
        destination.database(),
        java.util.Arrays.stream(entities)
            .map(e -> emulator.store().metadata().entity(e).orElseThrow())
            .toList(),
        WAIT);
  }

  /** Whether no node reports a reader of the profile. */
  private static boolean noNodeReports(JsonNode cluster, String id) {
    for (JsonNode node : cluster.path("nodes")) {
      for (JsonNode reader : node.path("readers")) {
        if (reader.asText().startsWith(id + "/")) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether no node reports the profile's readers, lead duties or bus partitions. */
  private static boolean noNodeRuns(JsonNode cluster, String id) {
    for (JsonNode node : cluster.path("nodes")) {
      if (node.path("partitions").has(id) || node.path("leading").toString().contains(id)) {
        return false;
      }
    }
    return noNodeReports(cluster, id);
  }

  private static boolean anyLogContains(ClusterFixture cluster, String text) throws Exception {
    for (Node node : cluster.nodes()) {
      if (node.log().contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static void awaitLog(ClusterFixture cluster, String text) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (anyLogContains(cluster, text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no node logged '" + text + "' within " + WAIT);
  }
}
