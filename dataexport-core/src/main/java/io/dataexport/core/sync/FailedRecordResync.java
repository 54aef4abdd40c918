package io.dataexport.core.sync;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.SourceChange;
import io.dataexport.store.config.ConfigStore;
import io.dataexport.store.config.EntitySyncState;
import io.dataexport.store.config.FailedRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An administrator's "resync failed records": each record in the profile's failure log is read
 * again from the source by id, and its current state goes onto the bus as a new notification — an
 * upsert, or a deletion (at the entity's high-water version, so it wins over anything older) when
 * the source no longer has the record. An entry leaves the log once its notification is durable on
 * the bus; should the record fail again, it returns to the log after its tries.
 *
 * <p>Entries of an entity whose full read is running or beginning are left alone: the read delivers
 * every record of the entity again and resolves them when it ends ({@link FullReads}). Publishing
 * beside it could write a record after the read began that its snapshot no longer has.
 */
final class FailedRecordResync {
  private static final Logger LOG = LoggerFactory.getLogger(FailedRecordResync.class);
  private static final int PAGE = 200;

  /**
   * What a resync did.
   *
   * @param resynced records read again and put on the bus
   * @param skipped entries left in the log because the profile no longer exports their entity, or
   *     because a full read of their entity runs (and reads them again)
   */
  record Result(int resynced, int skipped) {}

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
   * Resyncs every failed record of the entities exported.
   *
   * @throws io.dataexport.api.error.RetriableException when the source, the bus or the store cannot
   *     be reached now; what was resynced before stays resynced
   */
  Result run(Set<String> exported) {
    int resynced = 0;
    int skipped = 0;
    long after = 0;
    while (true) {
      List<FailedRecord> page = store.failures().failures(profileId, after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      after = page.getLast().id();
      Map<String, List<FailedRecord>> byEntity = new LinkedHashMap<>();
      for (FailedRecord failure : page) {
        if (exported.contains(failure.entity())) {
          byEntity.computeIfAbsent(failure.entity(), e -> new ArrayList<>()).add(failure);
        } else {
          skipped++;
        }
      }
      for (Map.Entry<String, List<FailedRecord>> group : byEntity.entrySet()) {
        if (resync(group.getKey(), group.getValue())) {
          resynced += group.getValue().size();
        } else {
          skipped += group.getValue().size();
        }
      }
    }
    LOG.info(
        "Resynced {} failed record(s) of profile {}; {} left for entities no longer exported or"
            + " being read in full",
        resynced,
        profileId,
        skipped);
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
    List<SyncNotification> notifications = new ArrayList<>(failures.size());
    for (FailedRecord failure : failures) {
      Optional<SourceChange> current = source.readRecord(schema, failure.recordId());
      notifications.add(
          current
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
    store.failures().clearFailures(failures);
  }
}
