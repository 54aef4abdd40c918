package io.dataexport.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The store's part for failed notifications (SPEC §5): parked notifications waiting for their next
 * try, and the failure log of records given up. Each change of an entry moves the entity's counters
 * in the same transaction, so the counters and the entries never disagree. Obtained from {@link
 * ConfigStore#failures()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public interface FailureStore {
  /**
   * Records what a writer did with a batch: counts the applied and the given-up notifications,
   * parks the ones to try again, logs the given-up ones. Parking a blob key already parked (a
   * redelivery) keeps the existing entry.
   *
   * @throws UnknownProfileException when the profile is gone
   */
  void record(WriteOutcome outcome);

  /** Parked notifications of a profile whose next try is due at {@code now}, oldest first. */
  List<ParkedNotification> due(String profileId, Instant now, int limit);

  /** When the next try of a profile's parked notifications is due; empty when none is parked. */
  Optional<Instant> nextAttempt(String profileId);

  /** Per entity: how many notifications are parked and the oldest sync time among them. */
  Map<String, ParkedSummary> parkedSummaries(String profileId);

  /**
   * The blob keys of a profile's parked notifications: the parked blobs something still refers to.
   * A blob is stored before its entry (and deleted after it), so a blob listed before this call and
   * missing from it is no parked notification's.
   */
  Set<String> parkedBlobKeys(String profileId);

  /**
   * Records another failed try of a parked notification ({@link ParkedNotification#failedAgain}),
   * or its postponement ({@link ParkedNotification#postponed}).
   *
   * @return false when the entry is gone (its profile was deleted meanwhile)
   */
  boolean triedAgain(ParkedNotification updated);

  /**
   * A parked notification was applied: removes its entry and counts it as succeeded.
   *
   * @return false when the entry was already gone (nothing counted)
   */
  boolean applied(ParkedNotification entry);

  /**
   * A parked notification used up its tries: removes its entry, logs the failure and counts it as
   * failed.
   *
   * @return false when the entry was already gone (nothing logged or counted)
   */
  boolean gaveUp(ParkedNotification entry, FailedRecord failure);

  /**
   * Whether an entry is still parked: a retry checks it right before applying, since the entry may
   * have been superseded after it was read as due.
   */
  boolean isParked(ParkedNotification entry);

  /**
   * Runs a retry's write of a parked notification to the destination if the entry is still parked,
   * and keeps it from being superseded until the write ends: a full read of its entity that begins
   * meanwhile, on this node or another, waits, so the write lands before the read's start (and the
   * read's sweep judges its row). The caller records the outcome ({@link #applied}, {@link
   * #triedAgain}, {@link #gaveUp}) afterwards, not inside {@code write}.
   *
   * @return false, without running {@code write}, when the entry is no longer parked
   */
  boolean whileParked(ParkedNotification entry, Runnable write);

  /**
   * A full read of an entity begins and reads every record again: the entity's parked notifications
   * are superseded by it. Removes them and counts them as succeeded (the read delivers their
   * records' current state, or sweeps records gone meanwhile). Waits for a write of one of them
   * under way ({@link #whileParked}).
   *
   * @return the entries removed, whose blobs the caller deletes
   */
  List<ParkedNotification> supersedeParked(String profileId, String entity);

  /**
   * The records of an entity whose notifications read at or after {@code since} have not applied:
   * parked, or given up into the failure log. A full read that began at {@code since} keeps their
   * rows when it sweeps, since they are not known to be gone.
   */
  Set<UUID> unappliedSince(String profileId, String entity, Instant since);

  /**
   * A full read of an entity that began at {@code before} has been applied: failure-log entries of
   * the entity read before it are resolved by it (the read delivered every record again; one that
   * failed again has a newer entry).
   *
   * @return how many entries were removed
   */
  int clearFailuresReadBefore(String profileId, String entity, Instant before);

  /** Up to {@code limit} failure-log entries of a profile with an id above {@code afterId}. */
  List<FailedRecord> failures(String profileId, long afterId, int limit);

  /** How many records of a profile are in its failure log. */
  long failureCount(String profileId);

  /**
   * Up to {@code limit} failure-log entries of one entity of a profile with an id above {@code
   * afterId}, by id: a page of the log filtered by entity.
   */
  List<FailedRecord> failures(String profileId, String entity, long afterId, int limit);

  /** How many records of one entity of a profile are in its failure log. */
  long failureCount(String profileId, String entity);

  /**
   * Removes failure-log entries (they were resynced); an entry replaced by a later failure of its
   * record meanwhile stays.
   *
   * @return how many were removed
   */
  int clearFailures(List<FailedRecord> entries);
}
