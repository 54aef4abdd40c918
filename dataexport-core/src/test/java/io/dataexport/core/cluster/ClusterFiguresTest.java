package io.dataexport.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.ParkedSummary;
import io.dataexport.api.store.StoredProfile;
import io.dataexport.core.status.EntityStatus;
import io.dataexport.core.status.LiveFigures;
import io.dataexport.core.status.ProfileStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How a status answered by any node of a cluster combines the live nodes' reports. */
class ClusterFiguresTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String PROFILE = "p1";

  @Test
  void theThroughputIsTheSumOfEveryNodesWriters() {
    ClusterFigures figures =
        new ClusterFigures(
            PROFILE,
            List.of(
                reading("node-1", Duration.ZERO, List.of(), "account", figures(12.5, null, null)),
                reading("node-2", seconds(2), List.of(), "account", figures(7.25, null, null)),
                reading("node-3", seconds(4), List.of(), "contact", figures(3, null, null))),
            NOW);

    assertThat(figures.entity("account", false).throughput()).isEqualTo(19.75);
    assertThat(figures.entity("contact", false).throughput()).isEqualTo(3);
    assertThat(figures.entity("lead", false)).isEqualTo(LiveFigures.Entity.NONE);
  }

  @Test
  void theOldestWaitingChangeIsTheOldestAnyNodeKnowsOfAgedByItsReport() {
    ClusterFigures figures =
        new ClusterFigures(
            PROFILE,
            List.of(
                reading("node-1", Duration.ZERO, List.of(), "account", figures(1, 5_000L, null)),
                // reported 4 s of lag 3 s ago: waiting since 7 s ago
                reading("node-2", seconds(3), List.of(), "account", figures(0, 4_000L, null)),
                reading("node-3", seconds(1), List.of(), "account", figures(2, null, null))),
            NOW);

    assertThat(figures.entity("account", false).oldestWaiting()).isEqualTo(NOW.minusSeconds(7));
  }

  @Test
  void nothingWaitsOnceTheStoreSaysEverythingReceivedIsHandledWhatEverAReportSays() {
    ClusterFigures figures =
        new ClusterFigures(
            PROFILE,
            List.of(reading("node-2", seconds(4), List.of(), "account", figures(3, 60_000L, null))),
            NOW);

    LiveFigures.Entity account = figures.entity("account", true);

    assertThat(account.oldestWaiting()).isNull();
    assertThat(account.throughput()).isEqualTo(3);
  }

  @Test
  void theReaderErrorIsThatOfTheNodeRunningTheReader() {
    ClusterFigures figures =
        new ClusterFigures(
            PROFILE,
            List.of(
                reading("node-1", Duration.ZERO, List.of(), "account", figures(1, null, null)),
                reading(
                    "node-2",
                    seconds(2),
                    List.of(PROFILE + "/account"),
                    "account",
                    figures(0, null, "Dataverse answered 503"))),
            NOW);

    assertThat(figures.entity("account", false).readerError()).isEqualTo("Dataverse answered 503");
  }

  @Test
  void anErrorOfANodeNoLongerReadingTheEntityIsNotShown() {
    ClusterFigures figures =
        new ClusterFigures(
            PROFILE,
            List.of(
                // node-1 took the reader over and reads without error
                reading("node-1", Duration.ZERO, List.of(PROFILE + "/account"), "lead", null),
                // node-2's last heartbeat still claims it, with the error it stopped on
                reading(
                    "node-2",
                    seconds(3),
                    List.of(PROFILE + "/account"),
                    "account",
                    figures(0, null, "lease lost")),
                // node-3 does not read it; its figures carry no error anyway
                reading("node-3", seconds(1), List.of(), "account", figures(4, null, null))),
            NOW);

    assertThat(figures.entity("account", false).readerError()).isNull();
    assertThat(figures.entity("contact", false).readerError()).isNull();
  }

  @Test
  void aStatusAnsweredByAnyNodeShowsTheClusterThroughputLagAndError() {
    ClusterFigures figures =
        new ClusterFigures(
            PROFILE,
            List.of(
                reading("node-1", Duration.ZERO, List.of(), "account", figures(2, null, null)),
                reading(
                    "node-2",
                    seconds(2),
                    List.of(PROFILE + "/account", PROFILE + "/contact"),
                    "account",
                    figures(3, 8_000L, "timed out")),
                reading("node-3", seconds(1), List.of(), "contact", figures(1, 1_000L, null))),
            NOW);
    StoredProfile profile =
        new StoredProfile(PROFILE, "Sales", "{}", ProfileState.ACTIVE, NOW, NOW);

    ProfileStatus status =
        ProfileStatus.of(
            profile,
            // contact: every notification received is handled; account: 5 pending, 2 parked
            List.of(state("account", 100, 95), state("contact", 40, 40)),
            Map.of("account", new ParkedSummary("account", 2, NOW.minusSeconds(30))),
            0,
            null,
            figures,
            NOW);

    EntityStatus account = status.entities().get(0);
    assertThat(account.throughput()).isEqualTo(5);
    // the parked notifications (30 s) are older than the change node-2 knows waits (10 s)
    assertThat(account.lag()).isEqualTo(seconds(30));
    assertThat(account.error()).isEqualTo("timed out");
    EntityStatus contact = status.entities().get(1);
    assertThat(contact.throughput()).isEqualTo(1);
    assertThat(contact.lag()).isEqualTo(Duration.ZERO);
    assertThat(contact.error()).isNull();
  }

  private static NodeReading reading(
      String node, Duration age, List<String> readers, String entity, EntityFigures figures) {
    TreeMap<String, EntityFigures> known = new TreeMap<>();
    if (figures != null) {
      known.put(entity, figures);
    }
    return new NodeReading(
        node,
        new NodeReport(
            readers, List.of(), List.of(PROFILE), null, new TreeMap<>(Map.of(PROFILE, known))),
        age);
  }

  private static EntityFigures figures(double throughput, Long lagMillis, String error) {
    return new EntityFigures(throughput, lagMillis, error);
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private static EntitySyncState state(String entity, long total, long succeeded) {
    return new EntitySyncState(
        PROFILE,
        entity,
        ChangeCursor.start(),
        InitialSyncState.COMPLETED,
        0,
        -1,
        null,
        null,
        total,
        succeeded,
        0,
        NOW,
        NOW,
        null,
        0);
  }
}
