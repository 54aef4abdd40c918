package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureResync;
import io.dataexport.api.store.FailureResyncStore;
import io.dataexport.api.store.UnknownProfileException;
import io.dataexport.api.store.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resync of failed records as the store keeps it: start or join, progress, completion. */
abstract class FailureResyncStoreKit extends StoreKit {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private FailureResyncStore resyncs;
  private String profileId;

  @BeforeEach
  void open() {
    resyncs = store.failureResyncs();
    profileId = store.create("sales", "{}").id();
  }

  @Test
  void aJobCoversTheEntriesThereWhenItBeganAndASecondStartJoinsIt() {
    logFailures(3);

    FailureResyncStore.Start first = resyncs.start(profileId);
    logFailures(2);
    FailureResyncStore.Start second = resyncs.start(profileId);

    assertThat(first.joined()).isFalse();
    assertThat(first.job().running()).isTrue();
    assertThat(first.job().totalRecords()).isEqualTo(3);
    assertThat(second.joined()).isTrue();
    assertThat(second.job()).isEqualTo(first.job());
    assertThat(resyncs.nextEntries(first.job(), 10))
        .as("entries logged after the start are not the job's")
        .hasSize(3);
  }

  @Test
  void progressRemovesTheResyncedEntriesAndMovesTheJobOnInOneStep() {
    logFailures(4);
    FailureResync job = resyncs.start(profileId).job();
    List<FailedRecord> page = resyncs.nextEntries(job, 3);

    assertThat(resyncs.advance(job, page.getLast().id(), page.subList(0, 2), 1)).isTrue();

    FailureResync moved = resyncs.find(profileId).orElseThrow();
    assertThat(moved.resynced()).isEqualTo(2);
    assertThat(moved.skipped()).isEqualTo(1);
    assertThat(moved.afterEntryId()).isEqualTo(page.getLast().id());
    assertThat(store.failures().failureCount(profileId)).as("the skipped one stays").isEqualTo(2);
    assertThat(resyncs.nextEntries(moved, 10)).hasSize(1);
    assertThat(resyncs.advance(job, page.getLast().id(), page, 0))
        .as("a stale view of the job changes nothing")
        .isFalse();
    assertThat(resyncs.find(profileId).orElseThrow()).isEqualTo(moved);
  }

  @Test
  void aCompletedJobIsReplacedByTheNextStart() {
    logFailures(1);
    FailureResync job = resyncs.start(profileId).job();
    List<FailedRecord> page = resyncs.nextEntries(job, 10);
    resyncs.advance(job, page.getLast().id(), page, 0);
    FailureResync moved = resyncs.find(profileId).orElseThrow();
    resyncs.recordError(profileId, "source unavailable");

    assertThat(resyncs.complete(job)).as("not where it stands").isFalse();
    assertThat(resyncs.complete(moved)).isTrue();
    FailureResync completed = resyncs.find(profileId).orElseThrow();
    assertThat(completed.state()).isEqualTo(FailureResync.State.COMPLETED);
    assertThat(completed.finishedAt()).isNotNull();
    assertThat(completed.lastError()).isEqualTo("source unavailable");
    assertThat(completed.resynced()).isEqualTo(1);

    logFailures(2);
    FailureResyncStore.Start next = resyncs.start(profileId);
    assertThat(next.joined()).isFalse();
    assertThat(next.job().totalRecords()).isEqualTo(2);
    assertThat(next.job().resynced()).isZero();
    assertThat(next.job().lastError()).isNull();
  }

  @Test
  void deletingAProfileDeletesItsJob() {
    logFailures(1);
    resyncs.start(profileId);

    store.delete(profileId);

    assertThat(resyncs.find(profileId)).isEmpty();
    assertThatThrownBy(() -> resyncs.start(profileId)).isInstanceOf(UnknownProfileException.class);
  }

  private void logFailures(int count) {
    for (int i = 0; i < count; i++) {
      store
          .failures()
          .record(
              new WriteOutcome(
                  profileId,
                  "account",
                  0,
                  List.of(),
                  List.of(
                      new FailedRecord(
                          0,
                          profileId,
                          "account",
                          UUID.randomUUID(),
                          Operation.UPSERT,
                          T0,
                          "constraint",
                          1,
                          T0,
                          T0)),
                  null));
    }
  }
}
