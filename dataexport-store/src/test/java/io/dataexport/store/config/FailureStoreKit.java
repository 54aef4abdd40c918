package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureStore;
import io.dataexport.api.store.ParkedNotification;
import io.dataexport.api.store.UnknownProfileException;
import io.dataexport.api.store.WriteOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parked notifications and the failure log, and the counters that move with them. */
abstract class FailureStoreKit extends StoreKit {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private FailureStore failures;
  private String profileId;

  @BeforeEach
  void open() {
    failures = store.failures();
    profileId = store.create("sales", "{}").id();
  }

  @Test
  void aBatchOutcomeCountsAppliedAndGivenUpAndParksTheRestAtomically() {
    store.addCounts(profileId, "account", 10, 0, 0, null);
    ParkedNotification parked = parked("k1", T0.plusSeconds(5));
    FailedRecord failed = failed(UUID.randomUUID());

    failures.record(
        new WriteOutcome(profileId, "account", 8, List.of(parked), List.of(failed), T0));

    EntitySyncState state = store.entityState(profileId, "account").orElseThrow();
    assertThat(state.totalNotifications()).isEqualTo(10);
    assertThat(state.succeededNotifications()).isEqualTo(8);
    assertThat(state.failedNotifications()).isEqualTo(1);
    assertThat(failures.parkedSummaries(profileId).get("account").count()).isEqualTo(1);
    assertThat(failures.failures(profileId, 0, 10)).hasSize(1);
  }

  @Test
  void parkingTheSameBlobKeyAgainKeepsOneEntry() {
    failures.record(outcomeParking(parked("k1", T0)));
    failures.record(outcomeParking(parked("k1", T0)));

    assertThat(failures.parkedSummaries(profileId).get("account").count()).isEqualTo(1);
  }

  @Test
  void onlyDueEntriesAreHandedToTheScheduler() {
    failures.record(outcomeParking(parked("due", T0)));
    failures.record(outcomeParking(parked("later", T0.plusSeconds(60))));

    assertThat(failures.due(profileId, T0.plusSeconds(1), 10))
        .extracting(ParkedNotification::blobKey)
        .containsExactly(profileId + "/parked/account/due");
    assertThat(failures.nextAttempt(profileId)).contains(T0);
  }

  @Test
  void anAppliedRetryCountsAsSucceededAndAGivenUpOneAsFailedOnce() {
    ParkedNotification first = parked("a", T0);
    ParkedNotification second = parked("b", T0);
    failures.record(outcomeParking(first));
    failures.record(outcomeParking(second));

    assertThat(failures.applied(first)).isTrue();
    assertThat(failures.applied(first)).as("gone already").isFalse();
    assertThat(failures.gaveUp(second, FailedRecord.of(second, 3, "no", T0))).isTrue();
    assertThat(failures.gaveUp(second, FailedRecord.of(second, 3, "no", T0))).isFalse();

    EntitySyncState state = store.entityState(profileId, "account").orElseThrow();
    assertThat(state.succeededNotifications()).isEqualTo(1);
    assertThat(state.failedNotifications()).isEqualTo(1);
    assertThat(failures.parkedSummaries(profileId)).isEmpty();
    assertThat(failures.failures(profileId, 0, 10))
        .singleElement()
        .satisfies(f -> assertThat(f.attempts()).isEqualTo(3));
  }

  @Test
  void aRecordThatFailsAgainReplacesItsEntryAndAClearedEntryStaysClearedOnlyIfUnchanged() {
    UUID record = UUID.randomUUID();
    failures.record(outcomeFailing(failed(record)));
    FailedRecord read = failures.failures(profileId, 0, 10).get(0);
    failures.record(outcomeFailing(failedAt(record, T0.plusSeconds(9))));

    assertThat(failures.failures(profileId, 0, 10)).hasSize(1);
    assertThat(failures.clearFailures(List.of(read))).as("replaced meanwhile").isZero();
    assertThat(failures.clearFailures(failures.failures(profileId, 0, 10))).isEqualTo(1);
    assertThat(failures.failureCount(profileId)).isZero();
  }

  @Test
  void theFailureLogIsReadAPageAtATimeOfTheProfileOrOfOneEntity() {
    String other = store.create("other", "{}").id();
    for (int i = 0; i < 5; i++) {
      failures.record(outcomeFailing(failed(UUID.randomUUID())));
      failures.record(
          new WriteOutcome(profileId, "contact", 0, List.of(), List.of(failedOf("contact")), null));
    }
    failures.record(
        new WriteOutcome(
            other,
            "account",
            0,
            List.of(),
            List.of(
                new FailedRecord(
                    0, other, "account", UUID.randomUUID(), Operation.UPSERT, T0, "x", 1, T0, T0)),
            null));

    List<FailedRecord> all = failures.failures(profileId, 0, 100);
    assertThat(all).hasSize(10).isSortedAccordingTo(Comparator.comparingLong(FailedRecord::id));
    List<FailedRecord> firstContacts = failures.failures(profileId, "contact", 0, 3);
    List<FailedRecord> restOfContacts =
        failures.failures(profileId, "contact", firstContacts.getLast().id(), 3);

    assertThat(firstContacts).hasSize(3).allMatch(f -> f.entity().equals("contact"));
    assertThat(restOfContacts).hasSize(2).allMatch(f -> f.entity().equals("contact"));
    assertThat(restOfContacts.getFirst().id()).isGreaterThan(firstContacts.getLast().id());
    assertThat(failures.failures(profileId, "contact", restOfContacts.getLast().id(), 3)).isEmpty();
    assertThat(failures.failureCount(profileId, "contact")).isEqualTo(5);
    assertThat(failures.failureCount(profileId, "account")).isEqualTo(5);
    assertThat(failures.failureCount(profileId)).isEqualTo(10);
    assertThat(failures.failures(profileId, "lead", 0, 3)).isEmpty();
    assertThat(failures.failureCount(profileId, "lead")).isZero();
    assertThat(failures.failures(other, "account", 0, 10)).hasSize(1);
  }

  @Test
  void theParkedBlobKeysAreThoseOfTheProfilesEntries() {
    String other = store.create("other", "{}").id();
    failures.record(outcomeParking(parked("a", T0)));
    failures.record(outcomeParking(parked("b", T0)));
    failures.record(
        new WriteOutcome(
            other,
            "account",
            0,
            List.of(parkedOf(other, other + "/parked/account/c", T0)),
            List.of(),
            null));
    failures.applied(parked("b", T0));

    assertThat(failures.parkedBlobKeys(profileId)).containsExactly(profileId + "/parked/account/a");
    assertThat(failures.parkedBlobKeys(other)).containsExactly(other + "/parked/account/c");
    assertThat(failures.parkedBlobKeys("unknown")).isEmpty();
  }

  @Test
  void aRetrysWriteRunsOnlyWhileItsEntryIsParked() {
    ParkedNotification entry = parked("k", T0);
    failures.record(outcomeParking(entry));
    List<String> writes = new ArrayList<>();

    assertThat(failures.whileParked(entry, () -> writes.add("first"))).isTrue();
    assertThat(failures.applied(entry)).isTrue();
    assertThat(failures.whileParked(entry, () -> writes.add("second")))
        .as("applied: no longer parked")
        .isFalse();

    assertThat(writes).containsExactly("first");
  }

  @Test
  void aSupersededEntryIsNoLongerParkedAndCountsOnce() {
    ParkedNotification entry = parked("k", T0);
    failures.record(outcomeParking(entry));

    assertThat(failures.supersedeParked(profileId, "account"))
        .extracting(ParkedNotification::blobKey)
        .containsExactly(entry.blobKey());
    assertThat(failures.whileParked(entry, () -> {})).isFalse();
    assertThat(failures.applied(entry)).isFalse();
    assertThat(store.entityState(profileId, "account").orElseThrow().succeededNotifications())
        .isEqualTo(1);
  }

  @Test
  void deletingAProfileDeletesItsParkedEntriesAndFailureLog() {
    failures.record(
        new WriteOutcome(
            profileId,
            "account",
            0,
            List.of(parked("k", T0)),
            List.of(failed(UUID.randomUUID())),
            null));

    store.delete(profileId);

    assertThat(failures.parkedSummaries(profileId)).isEmpty();
    assertThat(failures.failures(profileId, 0, 10)).isEmpty();
    assertThatThrownBy(() -> failures.record(outcomeParking(parked("x", T0))))
        .isInstanceOf(UnknownProfileException.class);
  }

  private WriteOutcome outcomeParking(ParkedNotification parked) {
    return new WriteOutcome(profileId, "account", 0, List.of(parked), List.of(), null);
  }

  private WriteOutcome outcomeFailing(FailedRecord failed) {
    return new WriteOutcome(profileId, "account", 0, List.of(), List.of(failed), null);
  }

  private ParkedNotification parked(String key, Instant next) {
    return parkedOf(profileId, profileId + "/parked/account/" + key, next);
  }

  static ParkedNotification parkedOf(String profileId, String blobKey, Instant next) {
    return new ParkedNotification(
        blobKey,
        profileId,
        "account",
        UUID.randomUUID(),
        Operation.UPSERT,
        7,
        T0,
        1,
        T0,
        next.truncatedTo(ChronoUnit.MICROS),
        "lock timeout");
  }

  private FailedRecord failed(UUID record) {
    return failedAt(record, T0);
  }

  private FailedRecord failedOf(String entity) {
    return new FailedRecord(
        0, profileId, entity, UUID.randomUUID(), Operation.UPSERT, T0, "constraint", 1, T0, T0);
  }

  private FailedRecord failedAt(UUID record, Instant at) {
    return new FailedRecord(
        0, profileId, "account", record, Operation.DELETE, T0, "constraint", 1, T0, at);
  }
}
