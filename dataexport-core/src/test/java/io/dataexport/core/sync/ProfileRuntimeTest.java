package io.dataexport.core.sync;

import static io.dataexport.core.sync.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A profile's readers and writer against an in-memory source and destination, real store and bus.
 */
class ProfileRuntimeTest extends RuntimeTestBase {
  private static final String ENTITY = FakeSource.ENTITY;

  @BeforeEach
  void putThreeAccounts() {
    for (int i = 0; i < 3; i++) {
      source.put(Map.of("name", "account " + i));
    }
  }

  private void start(SyncSettings settings) {
    startRuntime(profile(12, 5), settings);
  }

  private static SyncSettings fast() {
    return fast(SyncSettings.defaults());
  }

  @Test
  void anAttributeAddedToTheSourceReachesEveryRowAfterTheNextSchemaRefresh() throws Exception {
    start(fast().withSchemaRefreshInterval(Duration.ofMillis(300)));
    await("the initial sync", () -> destination.rows().size() == 3);

    source.addAttribute("revenue", "42");

    await(
        "every row has the new attribute",
        () ->
            destination.rows().size() == 3
                && destination.rows().values().stream()
                    .allMatch(r -> "42".equals(r.values().get("revenue"))));
    assertThat(destination.prepared())
        .as("the destination was asked for the new column")
        .anyMatch(schema -> schema.attribute("revenue").isPresent());
    UUID later = source.put(Map.of("name", "created later", "revenue", "7"));
    await(
        "a record created later arrives with it",
        () ->
            destination.rows().containsKey(later)
                && "7".equals(destination.rows().get(later).values().get("revenue")));
    assertThat(destination.rows()).hasSize(4);
  }

  @Test
  void anUnchangedSchemaNeitherReExportsNorPreparesTheDestinationAgain() throws Exception {
    start(fast().withSchemaRefreshInterval(Duration.ofMillis(100)));
    await("the initial sync", () -> destination.rows().size() == 3);
    int prepared = destination.prepared().size();

    await("a few refreshes", () -> source.describes() >= 4);

    assertThat(source.initialReads()).isEqualTo(1);
    assertThat(destination.prepared()).hasSize(prepared);
  }

  @Test
  void theWriterOutlivesAnUnexpectedFailureAndAppliesEverything() throws Exception {
    destination.failNextApplies(2);
    start(fast());

    await("the initial sync applied", () -> destination.rows().size() == 3);
    UUID later = source.put(Map.of("name", "later"));
    await("a later change applied", () -> destination.rows().containsKey(later));
    await(
        "the status counts every notification",
        () -> {
          var entity = status().path("entities").get(0);
          return entity.path("succeededNotifications").asLong() >= 4
              && entity.path("pendingNotifications").asLong() == 0;
        });
    var entity = status().path("entities").get(0);
    assertThat(entity.path("totalNotifications").asLong())
        .isEqualTo(
            entity.path("succeededNotifications").asLong()
                + entity.path("failedNotifications").asLong());
  }

  @Test
  void aResyncWaitsForTheReaderStillOnItsPageSoTheReExportIsWholeAndSweepsNoLiveRow()
      throws Exception {
    start(fast());
    await("the initial sync", () -> destination.rows().size() == 3 && caughtUp());
    CountDownLatch gate = source.holdDeltaReads();
    await("a delta read in progress", () -> source.readingNow() == 1);
    UUID gone = source.records().keySet().iterator().next();
    source.delete(gone);

    runtime.resync(ENTITY);
    Thread.sleep(300);
    assertThat(source.initialReads())
        .as("the re-export waits for the reader that is still reading")
        .isEqualTo(1);
    gate.countDown();

    await(
        "the re-export complete",
        () -> source.initialReads() == 2 && caughtUp() && state().reexportStartedAt() == null);
    assertThat(source.mostReadingAtOnce()).isEqualTo(1);
    assertThat(destination.rows().keySet())
        .containsExactlyInAnyOrderElementsOf(source.records().keySet());
  }

  private boolean caughtUp() {
    EntitySyncState state = state();
    return state.cursor().phase() == ChangeCursor.Phase.DELTA
        && state.initialSyncState() == InitialSyncState.COMPLETED;
  }

  private EntitySyncState state() {
    return store.entityState(profileId, ENTITY).orElseThrow();
  }
}
