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
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import io.dataexport.store.bus.EmbeddedBusProvider;
import io.dataexport.store.config.ConfigStore;
import io.dataexport.store.config.FailedRecord;
import io.dataexport.store.config.FailureResync;
import io.dataexport.store.config.FailureResyncStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resync of failed records as a background job of a running profile: started twice it runs
 * once, stopped with the profile it stays due, and the profile's next start finishes it from where
 * it stood. Fake source and destination, real store, bus and blob store.
 */
class FailureResyncJobTest {
  private static final String POISON = "poison";

  /** More than two pages of the job. */
  private static final int FAILED = 2 * FailureResyncJob.PAGE + 200;

  @TempDir Path data;
  private ConfigStore store;
  private String profileId;
  private final FakeSource source = new FakeSource();
  private final FakeDestination destination = new FakeDestination();
  private ProfileRuntime runtime;

  @BeforeEach
  void logFailures() throws Exception {
    store = ConfigStore.open(data);
    profileId = store.create("test", "{}").id();
    source.put(Map.of("name", "fine"));
    for (int i = 0; i < FAILED; i++) {
      source.put(Map.of("name", POISON + " " + i));
    }
    destination.reject(n -> String.valueOf(n.payload().get("name")).startsWith(POISON));
    start();
    await("every poison record given up", () -> failureLog() == FAILED);
    await("the initial sync over", this::initialSyncCompleted);
    destination.reject(n -> false);
  }

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.close(Duration.ofSeconds(5));
    }
    store.close();
  }

  @Test
  void aSecondStartWhileTheResyncRunsJoinsItAndEveryRecordIsReadOnce() throws Exception {
    CountDownLatch held = source.holdRecordReads();

    FailureResyncStore.Start first = runtime.startFailureResync();
    FailureResyncStore.Start second = runtime.startFailureResync();

    assertThat(first.joined()).isFalse();
    assertThat(first.job().totalRecords()).isEqualTo(FAILED);
    assertThat(second.joined()).as("the second start joins the first").isTrue();
    assertThat(second.job().startedAt()).isEqualTo(first.job().startedAt());
    held.countDown();
    FailureResync done = awaitCompleted();

    assertThat(done.resynced()).isEqualTo(FAILED);
    assertThat(done.skipped()).isZero();
    assertThat(source.recordReads()).isEqualTo(FAILED);
    assertThat(failureLog()).isZero();
    await("every record applied", () -> destination.rows().size() == FAILED + 1);

    FailureResyncStore.Start again = runtime.startFailureResync();
    assertThat(again.joined()).as("a completed job is not joined").isFalse();
    assertThat(again.job().totalRecords()).isZero();
    assertThat(awaitCompleted().resynced()).isZero();
  }

  @Test
  void aResyncStoppedWithItsProfileGoesOnFromWhereItStoodWhenTheProfileRunsAgain()
      throws Exception {
    CountDownLatch held = source.holdRecordReads();
    runtime.startFailureResync();
    await(
        "the first page is being read",
        () -> source.heldRecordReads() == FailedRecordResync.CONCURRENT_READS);
    Thread stopping = Thread.ofVirtual().start(() -> runtime.close(Duration.ofSeconds(5)));
    await("the job asked to stop", () -> !runtime.failureResyncRunning());
    held.countDown(); // the page in hand is finished, no further one begun
    stopping.join();
    runtime = null;

    FailureResync stopped = job();
    assertThat(stopped.running()).as("still due").isTrue();
    assertThat(stopped.resynced()).isEqualTo(FailureResyncJob.PAGE);
    assertThat(failureLog()).isEqualTo(FAILED - FailureResyncJob.PAGE);

    start(); // the profile runs again, as after a restart
    FailureResync done = awaitCompleted();

    assertThat(done.startedAt()).isEqualTo(stopped.startedAt());
    assertThat(done.resynced()).isEqualTo(FAILED);
    assertThat(source.recordReads()).as("no record read twice").isEqualTo(FAILED);
    assertThat(failureLog()).isZero();
    await("every record applied", () -> destination.rows().size() == FAILED + 1);
  }

  @Test
  void aResyncLeftRunningByACrashIsTakenUpAtTheProfilesNextStart() throws Exception {
    runtime.close(Duration.ofSeconds(5));
    runtime = null;
    // as a crash leaves it: the job running, its first page dealt with
    FailureResync job = store.failureResyncs().start(profileId).job();
    List<FailedRecord> firstPage = store.failureResyncs().nextEntries(job, FailureResyncJob.PAGE);
    store.failureResyncs().advance(job, firstPage.getLast().id(), List.of(), firstPage.size());

    start();
    FailureResync done = awaitCompleted();

    assertThat(done.skipped()).isEqualTo(FailureResyncJob.PAGE);
    assertThat(done.resynced()).isEqualTo(FAILED - FailureResyncJob.PAGE);
    assertThat(source.recordReads()).isEqualTo(FAILED - FailureResyncJob.PAGE);
    assertThat(failureLog()).as("the entries counted as skipped stay").isEqualTo(firstPage.size());
  }

  private void start() {
    NotificationBus bus = new EmbeddedBusProvider().open(profileId, data);
    ExportProfile profile =
        new ExportProfile(
            "test",
            new SourceConfig(
                "dataverse",
                "http://org.example",
                new SourceAuth("http://login.example/token", "app", Secret.of("s"), "scope")),
            new DestinationConfig("sqlite", "jdbc:sqlite:unused", null, null, null, null),
            List.of(FakeSource.ENTITY),
            List.of(),
            0,
            0,
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
            SyncSettings.defaults()
                .withPollInterval(Duration.ofMillis(50))
                .withSchemaRefreshInterval(Duration.ZERO),
            Clock.systemUTC());
    runtime.start();
  }

  private FailureResync job() {
    return store.failureResyncs().find(profileId).orElseThrow();
  }

  private FailureResync awaitCompleted() throws InterruptedException {
    await("the resync completed", () -> !job().running());
    return job();
  }

  private long failureLog() {
    return store.failures().failureCount(profileId);
  }

  private boolean initialSyncCompleted() {
    return store.entityState(profileId, FakeSource.ENTITY).orElseThrow().cursor().phase()
        == ChangeCursor.Phase.DELTA;
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
