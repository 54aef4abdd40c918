package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.e2e.ClusterFixture.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node cut off from the store (its PostgreSQL connections go through a {@link TcpProxy} the test
 * closes) while it reads entities: another node takes its reader leases with higher fencing tokens;
 * the cut-off node stops its readers and never saves a cursor again under its old leases — every
 * entity's cursor ends saved under its current lease's token and that token never went back; at no
 * sample of the cluster do two nodes hold valid leases for one entity by the store's clock. Once
 * the proxy forwards again the node rejoins and gets a reader back.
 */
class ClusterPartitionTest {
  private static final List<String> ENTITIES = List.of("account", "contact", "lead");

  @TempDir Path work;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void aNodeCutOffFromTheStoreStopsReadingAndItsLeasesMoveWithHigherTokens() throws Exception {
    PostgresqlTestSchema destination = new PostgresqlTestSchema();
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(300));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults()
                    .withRate(40)
                    .withMix(3, 6, 1)
                    .withEntities(ENTITIES)
                    .withSeed(21),
                null);
        TcpProxy proxy = new TcpProxy(destination.server());
        ClusterFixture cluster = new ClusterFixture(work)) {
      // node-3 starts alone, so it reads every entity until the others join and take their share
      Node cutOff = cluster.add(3, Optional.of(proxy.port())).start();
      String id =
          cutOff.createAndActivate(
              ClusterFixture.profile("partition", emulator, destination, ENTITIES));
      Node healthy = cluster.add(1, Optional.empty()).start();
      cluster.add(2, Optional.empty()).start();
      workload.start();
      JsonNode before =
          ClusterFixture.awaitCluster(
              healthy,
              "one reader on each node",
              Duration.ofSeconds(60),
              c -> {
                Map<String, String> holders = ClusterFixture.readerHolders(c, id);
                return holders.size() == ENTITIES.size()
                    && holders.values().stream().distinct().count() == 3;
              });
      ClusterFixture.awaitStatus(
          healthy,
          id,
          "the initial syncs",
          Duration.ofSeconds(60),
          s -> ClusterFixture.initialSyncsDone(s, ENTITIES.size()));
      Map<String, JsonNode> leasesBefore = ClusterFixture.readerLeases(before, id);
      List<String> cutEntities = new ArrayList<>();
      leasesBefore.forEach(
          (entity, lease) -> {
            if (lease.path("holder").asText().equals(cutOff.id())) {
              cutEntities.add(entity);
            }
          });
      assertThat(cutEntities).hasSize(1);

      // sample leases, reports and saved fencing tokens from now on
      Sampler sampler = new Sampler(cluster, healthy, id);
      Thread sampling = Thread.ofPlatform().name("cluster-sampler").start(sampler);
      try {
        proxy.refuse();
        Instant cut = Instant.now();

        JsonNode taken =
            ClusterFixture.awaitCluster(
                healthy,
                "the cut-off node's readers taken by the others",
                Duration.ofSeconds(ClusterFixture.LEASE_SECONDS * 3L + 10),
                c -> {
                  Map<String, String> holders = ClusterFixture.readerHolders(c, id);
                  return holders.size() == ENTITIES.size() && !holders.containsValue(cutOff.id());
                });
        Duration takeOver = Duration.between(cut, Instant.now());
        Map<String, JsonNode> leasesAfter = ClusterFixture.readerLeases(taken, id);
        for (String entity : cutEntities) {
          assertThat(leasesAfter.get(entity).path("token").asLong())
              .as("the new lease of %s has a higher fencing token", entity)
              .isGreaterThan(leasesBefore.get(entity).path("token").asLong());
        }
        assertThat(takeOver)
            .as("taken over no sooner than the lease lapsed")
            .isGreaterThanOrEqualTo(Duration.ofSeconds(ClusterFixture.LEASE_SECONDS - 3));

        // the cut-off node gives its readers up by itself once it could not renew in time
        awaitLog(
            cutOff,
            "could not renew " + "reader/" + id + "/" + cutEntities.get(0),
            Duration.ofSeconds(60));
        assertThat(cutOff.log()).contains("stopping its work");

        // the cut-off node's reader saves nothing while cut off: tokens only go up, to the new ones
        awaitFencesEqualLeases(cluster, healthy, id);
        Thread.sleep(3000);

        // heal: the node rejoins, gets a reader again, and reports it
        proxy.restore();
        JsonNode rejoined =
            ClusterFixture.awaitCluster(
                healthy,
                "the healed node reading again",
                Duration.ofSeconds(60),
                c ->
                    ClusterFixture.readerHolders(c, id).containsValue(cutOff.id())
                        && ClusterFixture.live(c, cutOff.id())
                        && !ClusterFixture.reportedReaders(c, cutOff.id()).isEmpty());
        for (JsonNode lease : ClusterFixture.readerLeases(rejoined, id).values()) {
          if (lease.path("holder").asText().equals(cutOff.id())) {
            String entity = lease.path("name").asText().substring(("reader/" + id + "/").length());
            assertThat(lease.path("token").asLong())
                .as("the healed node reads %s under a new lease", entity)
                .isGreaterThan(leasesBefore.get(entity).path("token").asLong());
          }
        }
        workload.stop();
        awaitFencesEqualLeases(cluster, healthy, id);
      } finally {
        sampler.stop.set(true);
        sampling.join();
      }
      assertThat(sampler.samples).as("samples of the cluster").isGreaterThan(10);
      assertThat(sampler.violations).as("two valid readers of one entity").isEmpty();
      assertThat(sampler.tokenRegressions).as("a fencing token that went back").isEmpty();
      assertThat(sampler.takeOvers)
          .as("take-overs seen, each after the former lease lapsed by the store's clock")
          .isNotEmpty();

      SyncFixture.awaitConvergence(
          emulator,
          destination.database(),
          ENTITIES.stream().map(e -> emulator.store().metadata().entity(e).orElseThrow()).toList(),
          Duration.ofSeconds(90));
    } finally {
      destination.close();
    }
  }

  private static void awaitLog(Node node, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (node.log().contains(text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(node + " did not log '" + text + "' within " + timeout);
  }

  /** Waits until every entity's cursor was last saved under its current reader lease. */
  private static void awaitFencesEqualLeases(ClusterFixture cluster, Node asking, String id)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<String, Long> fences = Map.of();
    Map<String, Long> leases = Map.of();
    while (System.nanoTime() < deadline) {
      fences = cluster.fenceTokens(id);
      leases = new HashMap<>();
      for (var entry : ClusterFixture.readerLeases(asking.cluster(), id).entrySet()) {
        leases.put(entry.getKey(), entry.getValue().path("token").asLong());
      }
      if (leases.size() == ENTITIES.size() && fences.equals(leases)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "cursors not saved under the current leases: fences " + fences + ", leases " + leases);
  }

  /**
   * Samples {@code GET /api/v1/cluster} on a healthy node and the saved fencing tokens. For every
   * entity it remembers each holder's last seen lease; at every sample, at most one holder's lease
   * may still be valid by the store's clock ({@code now} of the answer) — a former holder counts
   * unless it handed the lease over (it stopped reporting it) — a live node may report reading an
   * entity only while its lease of it is valid, and no saved token may go back.
   */
  private static final class Sampler implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<String> tokenRegressions = new CopyOnWriteArrayList<>();
    final List<String> takeOvers = new CopyOnWriteArrayList<>();
    volatile int samples;
    private final ClusterFixture cluster;
    private final Node asking;
    private final String id;
    // entity -> holder -> the latest lease seen for that holder
    private final Map<String, Map<String, JsonNode>> lastLeases = new HashMap<>();
    private final Map<String, Long> maxFence = new HashMap<>();

    Sampler(ClusterFixture cluster, Node asking, String id) {
      this.cluster = cluster;
      this.asking = asking;
      this.id = id;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        try {
          sample();
          samples++;
          Thread.sleep(300);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // a slow answer: the next sample
        }
      }
    }

    private void sample() throws Exception {
      JsonNode view = asking.cluster();
      Instant now = Instant.parse(view.path("now").asText());
      String prefix = "reader/" + id + "/";
      for (JsonNode lease : view.path("leases")) {
        String name = lease.path("name").asText();
        if (!name.startsWith(prefix)) {
          continue;
        }
        String entity = name.substring(prefix.length());
        Map<String, JsonNode> byHolder = lastLeases.computeIfAbsent(entity, e -> new HashMap<>());
        String holder = lease.path("holder").asText();
        JsonNode previous = byHolder.get(holder);
        if (previous == null || previous.path("token").asLong() != lease.path("token").asLong()) {
          for (var other : byHolder.entrySet()) {
            if (!other.getKey().equals(holder)
                && other.getValue().path("token").asLong() < lease.path("token").asLong()) {
              takeOvers.add(entity + ": " + other.getKey() + " -> " + holder);
            }
          }
        }
        byHolder.put(holder, lease);
        List<String> valid = new ArrayList<>();
        if (Instant.parse(lease.path("expiresAt").asText()).isAfter(now)) {
          valid.add(holder + " (token " + lease.path("token") + ")");
        }
        // a former holder whose last seen lease has not lapsed yet and who did not hand it over
        // (a node that releases a lease stops reporting it), beside the current one
        for (var known : byHolder.entrySet()) {
          if (!known.getKey().equals(holder)
              && Instant.parse(known.getValue().path("expiresAt").asText()).isAfter(now)
              && (ClusterFixture.reportedReaders(view, known.getKey()).contains(id + "/" + entity)
                  || !ClusterFixture.live(view, known.getKey()))) {
            valid.add(known.getKey() + " (token " + known.getValue().path("token") + ")");
          }
        }
        if (valid.size() > 1) {
          violations.add(now + " " + entity + " valid for " + valid);
        }
        for (JsonNode node : view.path("nodes")) {
          String nodeId = node.path("id").asText();
          boolean reports = false;
          for (JsonNode reader : node.path("readers")) {
            reports |= reader.asText().equals(id + "/" + entity);
          }
          JsonNode own = byHolder.get(nodeId);
          // a report is at most one tick old: allow a tick beyond the lease's expiry
          if (reports
              && node.path("live").asBoolean()
              && !nodeId.equals(holder)
              && (own == null
                  || !Instant.parse(own.path("expiresAt").asText())
                      .plusSeconds(ClusterFixture.LEASE_SECONDS / 3 + 1)
                      .isAfter(now))) {
            violations.add(
                now + " " + nodeId + " reports reading " + entity + " without a valid lease");
          }
        }
      }
      for (var entry : cluster.fenceTokens(id).entrySet()) {
        Long max = maxFence.get(entry.getKey());
        if (max != null && entry.getValue() < max) {
          tokenRegressions.add(entry.getKey() + ": " + max + " -> " + entry.getValue());
        }
        maxFence.merge(entry.getKey(), entry.getValue(), Math::max);
      }
    }
  }
}
