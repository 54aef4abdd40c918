package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.status.ProfileStatus;
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import io.dataexport.store.bus.EmbeddedBusProvider;
import io.dataexport.store.config.ConfigStore;
import io.dataexport.store.config.EntitySyncState;
import io.dataexport.store.config.InitialSyncState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's readers and writer against an in-memory source and destination, real store and bus.
 */
class ProfileRuntimeTest {
  private static final String ENTITY = FakeSource.ENTITY;

  @TempDir Path data;
  private ConfigStore store;
  private String profileId;
  private final FakeSource source = new FakeSource();
  private final FakeDestination destination = new FakeDestination();
  private ProfileRuntime runtime;

  @BeforeEach
  void openStore() {
    store = ConfigStore.open(data);
    profileId = store.create("test", "{}").id();
    for (int i = 0; i < 3; i++) {
      source.put(Map.of("name", "account " + i));
    }
  }

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.close(Duration.ofSeconds(5));
    }
    store.close();
  }

  private void start(SyncSettings settings) {
    NotificationBus bus = new EmbeddedBusProvider().open(profileId, data);
    ExportProfile profile =
        new ExportProfile(
            "test",
            new SourceConfig(
                "dataverse",
                "http://org.example",
                new SourceAuth("http://login.example/token", "app", Secret.of("s"), "scope")),
            new DestinationConfig("sqlite", "jdbc:sqlite:unused", null, null, null, null),
            List.of(ENTITY),
            List.of(),
            12,
            5,
            false);
    runtime =
        new ProfileRuntime(
            profileId,
            profile,
            source,
            destination,
            bus,
            store,
            LocalBlobStore.open(data, LocalKeyProvider.open(data)),
            SyncMeters.none(),
            settings,
            Clock.systemUTC());
    runtime.start();
  }

  private static SyncSettings fast() {
    return SyncSettings.defaults()
        .withPollInterval(Duration.ofMillis(50))
        .withSchemaRefreshInterval(Duration.ZERO);
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

  private com.fasterxml.jackson.databind.node.ObjectNode status() {
    return ProfileStatus.of(
            store.profile(profileId).orElseThrow(),
            store.entityStates(profileId),
            store.failures().parkedSummaries(profileId),
            store.failures().failureCount(profileId),
            store.failureResyncs().find(profileId).orElse(null),
            runtime,
            java.time.Instant.now())
        .toJson();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
