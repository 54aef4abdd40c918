package io.dataexport.core.sync;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.SourceChange;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.FailedRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resyncs failure-log entries, a page at a time (for {@link FailureResyncJob}): each record is read
 * again from the source by id, and its current state goes onto the bus as a new notification — an
 * upsert, or a deletion (at the entity's high-water version, so it wins over anything older) when
 * the source no longer has the record. The caller removes the entries of the records resynced once
 * this returns (their notifications are durable on the bus then); should a record fail again, it
 * returns to the log after its tries.
 *
 * <p>Entries of an entity whose full read is running or beginning are left alone: the read delivers
 * every record of the entity again and resolves them when it ends ({@link FullReads}). Publishing
 * beside it could write a record after the read began that its snapshot no longer has.
 *
 * <p>A page's records of one entity are read {@value #CONCURRENT_READS} at a time over the source's
 * client (Dataverse allows 52 concurrent requests per user; the rest is left to the change
 * readers); the source's throttling back-off applies to each read.
 */
final class FailedRecordResync {
  /** Reads of records by id in flight at once. */
  static final int CONCURRENT_READS = 8;

  /**
   * What a page's resync did.
   *
   * @param resynced the entries whose records were read again and put on the bus
   * @param skipped how many entries were left because the profile no longer exports their entity,
   *     or because a full read of their entity runs (and reads them again)
   */
  record Result(List<FailedRecord> resynced, int skipped) {}

  private final String profileId;
  private final ChangeSource source;
  private final SchemaRegistry schemas;
  private final NotificationPublisher publisher;
  private final ConfigStore store;
  private final EntityLocks locks;
  private final Clock clock;

  FailedRecordResync(
      String profileId,
      ChangeSource source,
      SchemaRegistry schemas,
      NotificationPublisher publisher,
      ConfigStore store,
      EntityLocks locks,
      Clock clock) {
    this.profileId = profileId;
    this.source = source;
    this.schemas = schemas;
    this.publisher = publisher;
    this.store = store;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Resyncs the records of a page of failure-log entries whose entity is exported.
   *
   * @param exported the entities the profile reads now
   * @throws io.dataexport.api.error.RetriableException when the source, the bus or the store cannot
   *     be reached now; what was put on the bus before stays there (a repeat publishes it again,
   *     which the version guard makes harmless)
   * @throws io.dataexport.api.error.ConfigurationException when the source refuses a read
   */
  Result resync(List<FailedRecord> page, Set<String> exported) {
    Map<String, List<FailedRecord>> byEntity = new LinkedHashMap<>();
    int skipped = 0;
    for (FailedRecord failure : page) {
      if (exported.contains(failure.entity())) {
        byEntity.computeIfAbsent(failure.entity(), e -> new ArrayList<>()).add(failure);
      } else {
        skipped++;
      }
    }
    List<FailedRecord> resynced = new ArrayList<>(page.size());
    for (Map.Entry<String, List<FailedRecord>> group : byEntity.entrySet()) {
      if (resync(group.getKey(), group.getValue())) {
        resynced.addAll(group.getValue());
      } else {
        skipped += group.getValue().size();
      }
    }
    return new Result(resynced, skipped);
  }

  /** Resyncs an entity's entries; false when a full read of the entity runs or begins. */
  private boolean resync(String entity, List<FailedRecord> failures) {
    ReentrantLock publishing = locks.publishing(entity);
    if (!publishing.tryLock()) {
      return false; // a full read is beginning
    }
    try {
      Optional<EntitySyncState> state = store.entityState(profileId, entity);
      if (state.isPresent() && state.get().cursor().phase() == ChangeCursor.Phase.INITIAL) {
        return false;
      }
      publish(entity, failures, state.map(s -> s.cursor().highWaterVersion()).orElse(0L));
      return true;
    } finally {
      publishing.unlock();
    }
  }

  private void publish(String entity, List<FailedRecord> failures, long highWater) {
    EntitySchema schema = schemas.schema(entity);
    Instant now = clock.instant();
    Optional<SourceChange>[] current = readAll(schema, failures);
    List<SyncNotification> notifications = new ArrayList<>(failures.size());
    for (int i = 0; i < failures.size(); i++) {
      FailedRecord failure = failures.get(i);
      notifications.add(
          current[i]
              .map(
                  c ->
                      new SyncNotification(
                          profileId,
                          entity,
                          c.recordId(),
                          c.operation(),
                          c.version(),
                          now,
                          c.payload()))
              .orElseGet(
                  () ->
                      new SyncNotification(
                          profileId,
                          entity,
                          failure.recordId(),
                          Operation.DELETE,
                          highWater,
                          now,
                          Map.of())));
    }
    publisher.publish(entity, notifications, now);
  }

  /**
   * Reads the entries' records, {@value #CONCURRENT_READS} at a time. After a failure no further
   * read begins, so a source that is down costs one read's retries, not one per record.
   *
   * @return each record's current state, in the entries' order (empty: the source no longer has it)
   */
  private Optional<SourceChange>[] readAll(EntitySchema schema, List<FailedRecord> failures) {
    @SuppressWarnings("unchecked")
    Optional<SourceChange>[] current = new Optional[failures.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable reader =
        () -> {
          int i;
          while (failure.get() == null && (i = next.getAndIncrement()) < current.length) {
            try {
              current[i] = source.readRecord(schema, failures.get(i).recordId());
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
            }
          }
        };
    Thread[] threads = new Thread[Math.min(CONCURRENT_READS, failures.size())];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = Thread.ofVirtual().name("resync-read-" + profileId).start(reader);
    }
    joinAll(threads);
    if (failure.get() != null) {
      throw failure.get();
    }
    return current; // the threads' writes happen-before their joins
  }

  /** Joins every thread; an interrupt is kept for the caller, never cuts the wait short. */
  private static void joinAll(Thread[] threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
