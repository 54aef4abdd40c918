package io.dataexport.api.store;

import java.util.List;
import java.util.Optional;

/**
 * The store's part for the resync of failed records, a background job that survives restarts: one
 * {@link FailureResync} per profile (its latest). A job's progress and the removal of the entries
 * it resynced are one transaction, so its counters and the failure log never disagree, and a job
 * taken up again after a crash goes on from where it stood. Obtained from {@link
 * ConfigStore#failureResyncs()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public interface FailureResyncStore {
  /**
   * What {@link #start} did.
   *
   * @param job the running job
   * @param joined true when it was running already, false when it began now
   */
  record Start(FailureResync job, boolean joined) {}

  /**
   * Begins a resync of the entries now in the profile's failure log, unless one runs: then that one
   * is returned (starting twice is harmless). A completed job is replaced by the new one.
   *
   * @throws UnknownProfileException when there is no such profile
   */
  Start start(String profileId);

  /** The profile's latest resync of failed records, if it ever had one. */
  Optional<FailureResync> find(String profileId);

  /** The next up to {@code limit} failure-log entries the job covers and has not dealt with yet. */
  List<FailedRecord> nextEntries(FailureResync job, int limit);

  /**
   * Records that the job dealt with the entries up to {@code throughEntryId}: removes the resynced
   * ones from the failure log (except those a later failure of their record replaced meanwhile),
   * counts them and the skipped ones, and moves the job on — in one transaction.
   *
   * @return false, changing nothing, when the job no longer stands where {@code job} says (another
   *     run of it moved it on, it completed, or the profile is gone)
   */
  boolean advance(FailureResync job, long throughEntryId, List<FailedRecord> resynced, int skipped);

  /**
   * Completes the job once it has dealt with every entry it covers.
   *
   * @return false when it no longer stands where {@code job} says (see {@link #advance})
   */
  boolean complete(FailureResync job);

  /** Remembers the failure that holds a running job up now (no record data). */
  void recordError(String profileId, String reason);
}
