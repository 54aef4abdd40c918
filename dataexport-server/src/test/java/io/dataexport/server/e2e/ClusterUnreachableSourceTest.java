package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.server.e2e.ClusterFixture.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile whose source does not answer holds up no other profile in a cluster (SPEC §8): opening
 * it retries for minutes, and a node starts it in the background, so the node's coordinator goes on
 * taking the other profiles' readers. Two nodes run a profile whose source then goes away and a
 * healthy one; a third node that joins, and so must start both, takes a reader of the healthy
 * profile within a few leases, long before the first profile's start would give up.
 */
class ClusterUnreachableSourceTest {
  private static final List<String> HEALTHY_ENTITIES =
      List.of("account", "contact", "lead", "opportunity");

  @TempDir Path work;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aJoiningNodeTakesTheHealthyProfilesReadersWhileTheOtherCannotStart() throws Exception {
    try (DataverseEmulator healthySource =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(100));
        PostgresqlTestSchema healthyDestination = new PostgresqlTestSchema();
        PostgresqlTestSchema downDestination = new PostgresqlTestSchema();
        ClusterFixture cluster = new ClusterFixture(work)) {
      List<Node> nodes = cluster.start(2);
      String down;
      try (DataverseEmulator downSource =
          DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(50))) {
        down =
            nodes
                .get(0)
                .createAndActivate(
                    ClusterFixture.profile(
                        "down", downSource, downDestination, List.of("account")));
        ClusterFixture.awaitStatus(
            nodes.get(0),
            down,
            "the first profile's initial sync",
            Duration.ofSeconds(90),
            s -> ClusterFixture.initialSyncsDone(s, 1));
      }
      // its source is gone: a node opening the profile now retries for two minutes
      String healthy =
          nodes
              .get(1)
              .createAndActivate(
                  ClusterFixture.profile(
                      "healthy", healthySource, healthyDestination, HEALTHY_ENTITIES));
      ClusterFixture.awaitStatus(
          nodes.get(0),
          healthy,
          "the healthy profile's initial syncs",
          Duration.ofSeconds(90),
          s -> ClusterFixture.initialSyncsDone(s, HEALTHY_ENTITIES.size()));

      Node joining = cluster.add(3, Optional.empty()).start();

      // a reader handed over is unheld until the joining node's next tick: wait for it to be taken;
      // a reader left unheld for good (no node running the profile takes it) fails here
      ClusterFixture.awaitCluster(
          nodes.get(0),
          "the joining node reading an entity of the healthy profile, and every reader held",
          Duration.ofSeconds(ClusterFixture.LEASE_SECONDS * 6L),
          c -> {
            Map<String, String> holders = ClusterFixture.readerHolders(c, healthy);
            return holders.containsValue(joining.id()) && holders.size() == HEALTHY_ENTITIES.size();
          });
      assertThat(joining.log())
          .as("the first profile is still starting there, or failed to")
          .doesNotContain("Profile down (" + down + ") is writing on this node");
    }
  }
}
