package io.dataexport.core.sync;

import static io.dataexport.core.sync.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureResync;
import io.dataexport.api.store.FailureResyncStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resync of failed records as a background job of a running profile: started twice it runs
 * once, stopped with the profile it stays due, and the profile's next start finishes it from where
 * it stood. Fake source and destination, real store, bus and blob store.
 */
class FailureResyncJobTest extends RuntimeTestBase {
  private static final String POISON = "poison";

  /** More than two pages of the job. */
  private static final int FAILED = 2 * FailureResyncJob.PAGE + 200;

  @BeforeEach
  void logFailures() throws Exception {
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
    FailureResync done = awaitFailureResyncCompleted();

    assertThat(done.resynced()).isEqualTo(FAILED);
    assertThat(done.skipped()).isZero();
    assertThat(source.recordReads()).isEqualTo(FAILED);
    assertThat(failureLog()).isZero();
    await("every record applied", () -> destination.rows().size() == FAILED + 1);

    FailureResyncStore.Start again = runtime.startFailureResync();
    assertThat(again.joined()).as("a completed job is not joined").isFalse();
    assertThat(again.job().totalRecords()).isZero();
    assertThat(awaitFailureResyncCompleted().resynced()).isZero();
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
    FailureResync done = awaitFailureResyncCompleted();

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
    FailureResync done = awaitFailureResyncCompleted();

    assertThat(done.skipped()).isEqualTo(FailureResyncJob.PAGE);
    assertThat(done.resynced()).isEqualTo(FAILED - FailureResyncJob.PAGE);
    assertThat(source.recordReads()).isEqualTo(FAILED - FailureResyncJob.PAGE);
    assertThat(failureLog()).as("the entries counted as skipped stay").isEqualTo(firstPage.size());
  }

  private void start() {
    startRuntime(profile(0, 0), fast(SyncSettings.defaults()));
  }

  private FailureResync job() {
    return store.failureResyncs().find(profileId).orElseThrow();
  }

  private long failureLog() {
    return store.failures().failureCount(profileId);
  }

  private boolean initialSyncCompleted() {
    return store.entityState(profileId, FakeSource.ENTITY).orElseThrow().cursor().phase()
        == ChangeCursor.Phase.DELTA;
  }
}
