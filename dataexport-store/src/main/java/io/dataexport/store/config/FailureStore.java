package io.dataexport.store.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The config store's part for failed notifications (SPEC §5): parked notifications waiting for
 * their next try, and the failure log of records given up. Each change of an entry moves the
 * entity's counters in the same transaction, so the counters and the entries never disagree.
 * Obtained from {@link ConfigStore#failures()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public final class FailureStore {
  private final SerializedConnection connection;
  private final EntitySyncStateTable entityStates;
  private final ParkedTable parked = new ParkedTable();
  private final FailureLogTable failures = new FailureLogTable();

  FailureStore(SerializedConnection connection, EntitySyncStateTable entityStates) {
    this.connection = connection;
    this.entityStates = entityStates;
  }

  /**
   * Records what a writer did with a batch: counts the applied and the given-up notifications,
   * parks the ones to try again, logs the given-up ones. Parking a blob key already parked (a
   * redelivery) keeps the existing entry.
   *
   * @throws UnknownProfileException when the profile is gone
   */
  public void record(WriteOutcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    transaction(
        outcome.profileId(),
        "record the outcome of a batch of " + outcome.entity(),
        c -> {
          for (ParkedNotification entry : outcome.parked()) {
            parked.insert(c, entry);
          }
          for (FailedRecord failure : outcome.failed()) {
            failures.upsert(c, failure);
          }
          entityStates.addCounts(
              c,
              outcome.profileId(),
              outcome.entity(),
              0,
              outcome.succeeded(),
              outcome.failed().size(),
              outcome.lastSyncedAt(),
              Micros.now());
        });
  }

  /** Parked notifications of a profile whose next try is due at {@code now}, oldest first. */
  public List<ParkedNotification> due(String profileId, Instant now, int limit) {
    return connection.transaction(
        "read the due parked notifications of profile " + profileId,
        c -> parked.due(c, profileId, now, limit));
  }

  /** When the next try of a profile's parked notifications is due; empty when none is parked. */
  public Optional<Instant> nextAttempt(String profileId) {
    return connection.transaction(
        "read the next retry of profile " + profileId, c -> parked.nextAttempt(c, profileId));
  }

  /** Per entity: how many notifications are parked and the oldest sync time among them. */
  public Map<String, ParkedSummary> parkedSummaries(String profileId) {
    return connection.transaction(
        "summarise the parked notifications of profile " + profileId,
        c -> parked.summaries(c, profileId));
  }

  /**
   * The blob keys of a profile's parked notifications: the parked blobs something still refers to.
   * A blob is stored before its entry (and deleted after it), so a blob listed before this call and
   * missing from it is no parked notification's.
   */
  public Set<String> parkedBlobKeys(String profileId) {
    return connection.transaction(
        "read the parked blob keys of profile " + profileId, c -> parked.blobKeys(c, profileId));
  }

  /**
   * Records another failed try of a parked notification ({@link ParkedNotification#failedAgain}),
   * or its postponement ({@link ParkedNotification#postponed}).
   *
   * @return false when the entry is gone (its profile was deleted meanwhile)
   */
  public boolean triedAgain(ParkedNotification updated) {
    return connection.transaction(
        "record a retry of " + updated.blobKey(), c -> parked.update(c, updated));
  }

  /**
   * A parked notification was applied: removes its entry and counts it as succeeded.
   *
   * @return false when the entry was already gone (nothing counted)
   */
  public boolean applied(ParkedNotification entry) {
    return connection.transaction(
        "record the retry of " + entry.blobKey() + " as applied",
        c -> {
          if (!parked.delete(c, entry.blobKey())) {
            return false;
          }
          entityStates.addCounts(
              c, entry.profileId(), entry.entity(), 0, 1, 0, entry.syncTime(), Micros.now());
          return true;
        });
  }

  /**
   * A parked notification used up its tries: removes its entry, logs the failure and counts it as
   * failed.
   *
   * @return false when the entry was already gone (nothing logged or counted)
   */
  public boolean gaveUp(ParkedNotification entry, FailedRecord failure) {
    return connection.transaction(
        "record the failure of " + entry.blobKey(),
        c -> {
          if (!parked.delete(c, entry.blobKey())) {
            return false;
          }
          failures.upsert(c, failure);
          entityStates.addCounts(c, entry.profileId(), entry.entity(), 0, 0, 1, null, Micros.now());
          return true;
        });
  }

  /**
   * Whether an entry is still parked: a retry checks it right before applying, since the entry may
   * have been superseded after it was read as due.
   */
  public boolean isParked(ParkedNotification entry) {
    return connection.transaction(
        "check the parked entry " + entry.blobKey(), c -> parked.exists(c, entry.blobKey()));
  }

  /**
   * A full read of an entity begins and reads every record again: the entity's parked notifications
   * are superseded by it. Removes them and counts them as succeeded (the read delivers their
   * records' current state, or sweeps records gone meanwhile).
   *
   * @return the entries removed, whose blobs the caller deletes
   */
  public List<ParkedNotification> supersedeParked(String profileId, String entity) {
    return connection.transaction(
        "supersede the parked notifications of " + entity + " of profile " + profileId,
        c -> {
          List<ParkedNotification> entries = parked.ofEntity(c, profileId, entity);
          for (ParkedNotification entry : entries) {
            parked.delete(c, entry.blobKey());
          }
          if (!entries.isEmpty()) {
            entityStates.addCounts(c, profileId, entity, 0, entries.size(), 0, null, Micros.now());
          }
          return entries;
        });
  }

  /**
   * The records of an entity whose notifications read at or after {@code since} have not applied:
   * parked, or given up into the failure log. A full read that began at {@code since} keeps their
   * rows when it sweeps, since they are not known to be gone.
   */
  public Set<UUID> unappliedSince(String profileId, String entity, Instant since) {
    return connection.transaction(
        "read the unapplied records of " + entity + " of profile " + profileId,
        c -> {
          Set<UUID> ids = new HashSet<>();
          for (ParkedNotification entry : parked.ofEntity(c, profileId, entity)) {
            ids.add(entry.recordId());
          }
          ids.addAll(failures.recordIdsSyncedFrom(c, profileId, entity, since));
          return ids;
        });
  }

  /**
   * A full read of an entity that began at {@code before} has been applied: failure-log entries of
   * the entity read before it are resolved by it (the read delivered every record again; one that
   * failed again has a newer entry).
   *
   * @return how many entries were removed
   */
  public int clearFailuresReadBefore(String profileId, String entity, Instant before) {
    return connection.transaction(
        "clear the failure log of " + entity + " of profile " + profileId,
        c -> failures.deleteSyncedBefore(c, profileId, entity, before));
  }

  /** Up to {@code limit} failure-log entries of a profile with an id above {@code afterId}. */
  public List<FailedRecord> failures(String profileId, long afterId, int limit) {
    return connection.transaction(
        "read the failure log of profile " + profileId,
        c -> failures.page(c, profileId, afterId, limit));
  }

  /** How many records of a profile are in its failure log. */
  public long failureCount(String profileId) {
    return connection.transaction(
        "count the failure log of profile " + profileId, c -> failures.count(c, profileId));
  }

  /**
   * Removes failure-log entries (they were resynced); an entry replaced by a later failure of its
   * record meanwhile stays.
   *
   * @return how many were removed
   */
  public int clearFailures(List<FailedRecord> entries) {
    return connection.transaction(
        "clear " + entries.size() + " failure-log entries", c -> failures.delete(c, entries));
  }

  /** Deletes every parked entry and failure of a profile (part of deleting it). */
  void deleteAll(Connection c, String profileId) throws SQLException {
    parked.deleteAll(c, profileId);
    failures.deleteAll(c, profileId);
  }

  @FunctionalInterface
  private interface Write {
    void run(Connection connection) throws SQLException;
  }

  /** A write for a profile; a failure because the profile is gone says so. */
  private void transaction(String profileId, String action, Write write) {
    connection.transaction(
        action + " of profile " + profileId,
        c -> {
          try {
            write.run(c);
          } catch (SQLException e) {
            // Checked only on failure: the foreign keys refuse rows of unknown profiles.
            if (!ProfileTable.exists(c, profileId)) {
              throw new UnknownProfileException(profileId);
            }
            throw e;
          }
          return null;
        });
  }
}
