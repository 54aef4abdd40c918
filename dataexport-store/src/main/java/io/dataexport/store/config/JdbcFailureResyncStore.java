package io.dataexport.store.config;

import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureResync;
import io.dataexport.api.store.FailureResyncStore;
import io.dataexport.api.store.UnknownProfileException;
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
 * JdbcConfigStore#failureResyncs()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public final class JdbcFailureResyncStore implements FailureResyncStore {
  private final Transactions connection;
  private final FailureResyncTable jobs = new FailureResyncTable();
  private final FailureLogTable failures = new FailureLogTable();

  JdbcFailureResyncStore(Transactions connection) {
    this.connection = connection;
  }

  @Override
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

  @Override
  public Optional<FailureResync> find(String profileId) {
    return connection.transaction(
        "read the resync of the failed records of profile " + profileId,
        c -> jobs.find(c, profileId));
  }

  @Override
  public List<FailedRecord> nextEntries(FailureResync job, int limit) {
    return connection.transaction(
        "read the failure log of profile " + job.profileId(),
        c -> failures.page(c, job.profileId(), job.afterEntryId(), job.lastEntryId(), limit));
  }

  @Override
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

  @Override
  public boolean complete(FailureResync job) {
    return connection.transaction(
        "complete the resync of the failed records of profile " + job.profileId(),
        c -> jobs.complete(c, job.profileId(), job.afterEntryId(), Micros.now()));
  }

  @Override
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
