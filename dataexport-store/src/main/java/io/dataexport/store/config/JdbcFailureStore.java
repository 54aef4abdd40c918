package io.dataexport.store.config;

import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureStore;
import io.dataexport.api.store.ParkedNotification;
import io.dataexport.api.store.ParkedSummary;
import io.dataexport.api.store.WriteOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * The config store's part for failed notifications (SPEC §5): parked notifications waiting for
 * their next try, and the failure log of records given up. Each change of an entry moves the
 * entity's counters in the same transaction, so the counters and the entries never disagree.
 * Obtained from {@link JdbcConfigStore#failures()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public final class JdbcFailureStore implements FailureStore {
  /**
   * How many retries may hold a connection through their write at once ({@link #whileParked}), so
   * that a slow destination cannot take the connections the node's leases and writers need.
   */
  static final int HOLDS = 2;

  private final Transactions connection;
  private final EntitySyncStateTable entityStates;
  private final StoreDialect dialect;
  private final ParkedTable parked = new ParkedTable();
  private final FailureLogTable failures = new FailureLogTable();
  private final Semaphore holds = new Semaphore(HOLDS, true);

  JdbcFailureStore(
      Transactions connection, EntitySyncStateTable entityStates, StoreDialect dialect) {
    this.connection = connection;
    this.entityStates = entityStates;
    this.dialect = dialect;
  }

  @Override
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

  @Override
  public List<ParkedNotification> due(String profileId, Instant now, int limit) {
    return connection.transaction(
        "read the due parked notifications of profile " + profileId,
        c -> parked.due(c, profileId, now, limit));
  }

  @Override
  public Optional<Instant> nextAttempt(String profileId) {
    return connection.transaction(
        "read the next retry of profile " + profileId, c -> parked.nextAttempt(c, profileId));
  }

  @Override
  public Map<String, ParkedSummary> parkedSummaries(String profileId) {
    return connection.transaction(
        "summarise the parked notifications of profile " + profileId,
        c -> parked.summaries(c, profileId));
  }

  @Override
  public Set<String> parkedBlobKeys(String profileId) {
    return connection.transaction(
        "read the parked blob keys of profile " + profileId, c -> parked.blobKeys(c, profileId));
  }

  @Override
  public boolean triedAgain(ParkedNotification updated) {
    return connection.transaction(
        "record a retry of " + updated.blobKey(), c -> parked.update(c, updated));
  }

  @Override
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

  @Override
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

  @Override
  public boolean isParked(ParkedNotification entry) {
    return connection.transaction(
        "check the parked entry " + entry.blobKey(), c -> parked.exists(c, entry.blobKey()));
  }

  /**
   * On a store the nodes share, the write runs in a transaction that holds the entry against
   * deletion, so that a {@link #supersedeParked} of its entity on any node waits for the write to
   * end. On one node the caller's own lock keeps the two apart (SQLite has one writer at a time:
   * holding a transaction open through a destination's write would stall every other).
   */
  @Override
  public boolean whileParked(ParkedNotification entry, Runnable write) {
    if (!dialect.sharedByNodes()) {
      if (!isParked(entry)) {
        return false;
      }
      write.run();
      return true;
    }
    holds.acquireUninterruptibly();
    try {
      return connection.transaction(
          "hold the parked entry " + entry.blobKey() + " through its retry",
          c -> {
            if (!parked.exists(c, entry.blobKey(), dialect.lockAgainstDelete())) {
              return false;
            }
            write.run();
            return true;
          });
    } finally {
      holds.release();
    }
  }

  /**
   * Counts and returns only the entries this call removed: on a shared store, an entry read here
   * may be applied by a retry on another node before its delete ({@link #whileParked} holds it
   * until then), and is that retry's to count.
   */
  @Override
  public List<ParkedNotification> supersedeParked(String profileId, String entity) {
    return connection.transaction(
        "supersede the parked notifications of " + entity + " of profile " + profileId,
        c -> {
          List<ParkedNotification> removed = new ArrayList<>();
          for (ParkedNotification entry : parked.ofEntity(c, profileId, entity)) {
            if (parked.delete(c, entry.blobKey())) {
              removed.add(entry);
            }
          }
          if (!removed.isEmpty()) {
            entityStates.addCounts(c, profileId, entity, 0, removed.size(), 0, null, Micros.now());
          }
          return removed;
        });
  }

  @Override
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

  @Override
  public int clearFailuresReadBefore(String profileId, String entity, Instant before) {
    return connection.transaction(
        "clear the failure log of " + entity + " of profile " + profileId,
        c -> failures.deleteSyncedBefore(c, profileId, entity, before));
  }

  @Override
  public List<FailedRecord> failures(String profileId, long afterId, int limit) {
    return connection.transaction(
        "read the failure log of profile " + profileId,
        c -> failures.page(c, profileId, afterId, limit));
  }

  @Override
  public long failureCount(String profileId) {
    return connection.transaction(
        "count the failure log of profile " + profileId, c -> failures.count(c, profileId));
  }

  @Override
  public List<FailedRecord> failures(String profileId, String entity, long afterId, int limit) {
    return connection.transaction(
        "read the failure log of " + entity + " of profile " + profileId,
        c -> failures.pageOfEntity(c, profileId, entity, afterId, limit));
  }

  @Override
  public long failureCount(String profileId, String entity) {
    return connection.transaction(
        "count the failure log of " + entity + " of profile " + profileId,
        c -> failures.count(c, profileId, entity));
  }

  @Override
  public int clearFailures(List<FailedRecord> entries) {
    return connection.transaction(
        "clear " + entries.size() + " failure-log entries", c -> failures.delete(c, entries));
  }

  /** Deletes every parked entry and failure of a profile (part of deleting it). */
  void deleteAll(Connection c, String profileId) throws SQLException {
    parked.deleteAll(c, profileId);
    failures.deleteAll(c, profileId);
  }

  /** A write for a profile; a failure because the profile is gone says so. */
  private void transaction(String profileId, String action, Transactions.ProfileWrite write) {
    connection.forProfile(profileId, action, write);
  }
}
