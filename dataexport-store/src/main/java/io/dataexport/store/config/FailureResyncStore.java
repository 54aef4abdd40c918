package io.dataexport.store.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The config store's part for the resync of failed records, a background job that survives
 * restarts: one {@link FailureResync} per profile (its latest). A job's progress and the removal of
 * the entries it resynced are one transaction, so its counters and the failure log never disagree,
 * and a job taken up again after a crash goes on from where it stood. Obtained from {@link
 * ConfigStore#failureResyncs()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public final class FailureResyncStore {
  private final SerializedConnection connection;
  private final FailureResyncTable jobs = new FailureResyncTable();
  private final FailureLogTable failures = new FailureLogTable();

  FailureResyncStore(SerializedConnection connection) {
    this.connection = connection;
  }

  /**
   * What {@link #start} did.
   *
   * @param job the running job
   * @param joined true when it was running already, false when it began now
   */
  public record Start(FailureResync job, boolean joined) {}

  /**
   * Begins a resync of the entries now in the profile's failure log, unless one runs: then that one
   * is returned (starting twice is harmless). A completed job is replaced by the new one.
   *
   * @throws UnknownProfileException when there is no such profile
   */
  public Start start(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return connection.transaction(
        "start a resync of the failed records of profile " + profileId,
        c -> {
          if (!ProfileTable.exists(c, profileId)) {
            throw new UnknownProfileException(profileId);
          }
          Optional<FailureResync> current = jobs.find(c, profileId);
          if (current.isPresent() && current.get().running()) {
            return new Start(current.get(), true);
          }
          FailureLogTable.Extent extent = failures.extent(c, profileId);
          FailureResync job =
              new FailureResync(
                  profileId,
                  FailureResync.State.RUNNING,
                  extent.entries(),
                  extent.lastId(),
                  0,
                  0,
                  0,
                  Micros.now(),
                  null,
                  null,
                  null);
          jobs.replace(c, job);
          return new Start(job, false);
        });
  }

  /** The profile's latest resync of failed records, if it ever had one. */
  public Optional<FailureResync> find(String profileId) {
    return connection.transaction(
        "read the resync of the failed records of profile " + profileId,
        c -> jobs.find(c, profileId));
  }

  /** The next up to {@code limit} failure-log entries the job covers and has not dealt with yet. */
  public List<FailedRecord> nextEntries(FailureResync job, int limit) {
    return connection.transaction(
        "read the failure log of profile " + job.profileId(),
        c -> failures.page(c, job.profileId(), job.afterEntryId(), job.lastEntryId(), limit));
  }

  /**
   * Records that the job dealt with the entries up to {@code throughEntryId}: removes the resynced
   * ones from the failure log (except those a later failure of their record replaced meanwhile),
   * counts them and the skipped ones, and moves the job on — in one transaction.
   *
   * @return false, changing nothing, when the job no longer stands where {@code job} says (another
   *     run of it moved it on, it completed, or the profile is gone)
   */
  public boolean advance(
      FailureResync job, long throughEntryId, List<FailedRecord> resynced, int skipped) {
    return connection.transaction(
        "record the progress of the resync of the failed records of profile " + job.profileId(),
        c -> {
          if (!jobs.advance(
              c, job.profileId(), job.afterEntryId(), throughEntryId, resynced.size(), skipped)) {
            return false;
          }
          failures.delete(c, resynced);
          return true;
        });
  }

  /**
   * Completes the job once it has dealt with every entry it covers.
   *
   * @return false when it no longer stands where {@code job} says (see {@link #advance})
   */
  public boolean complete(FailureResync job) {
    return connection.transaction(
        "complete the resync of the failed records of profile " + job.profileId(),
        c -> jobs.complete(c, job.profileId(), job.afterEntryId(), Micros.now()));
  }

  /** Remembers the failure that holds a running job up now (no record data). */
  public void recordError(String profileId, String reason) {
    connection.transaction(
        "record a failure of the resync of the failed records of profile " + profileId,
        c -> {
          jobs.recordError(c, profileId, reason, Micros.now());
          return null;
        });
  }

  /** Deletes the profile's job (part of deleting the profile). */
  void deleteAll(Connection c, String profileId) throws SQLException {
    jobs.delete(c, profileId);
  }
}
