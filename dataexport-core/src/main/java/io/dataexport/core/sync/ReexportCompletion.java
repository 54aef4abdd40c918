package io.dataexport.core.sync;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.core.metrics.SyncMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes full reads on the writer side. A change reader that has published a full read's last
 * page only records so in the store ({@link ConfigStore#markReexportPublished}) and goes on
 * streaming changes; the bus is its only link to the writers. This component, which the runtime
 * runs beside the writers, finds such reads in the store, waits until the writers have handled
 * everything on the bus up to the moment it saw the read published, then sweeps the rows not
 * written since the read's start (except records whose notification is parked or failed: not known
 * to be gone), removes the failure-log entries the read resolved and records the read finished — so
 * a reader and the writers can run on different nodes. A completion cut short by a crash or a stop
 * is found in the store again and done then.
 *
 * <p>Why the sweep is right is explained with {@link FullReads}, which begins the reads.
 */
final class ReexportCompletion implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReexportCompletion.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final String profileId;
  private final NotificationBus bus;
  private final Destination destination;
  private final ConfigStore store;
  private final SchemaRegistry schemas;
  private final EntityLocks locks;
  private final SyncMeters meters;
  private final Backoff backoff;
  private final StopSignal signal = new StopSignal();
  // per entity: the read waiting and the bus's end offsets when it was first seen published
  private final Map<String, Waiting> waiting = new HashMap<>();

  private record Waiting(Instant start, Map<Integer, Long> endOffsets) {}

  ReexportCompletion(
      String profileId,
      NotificationBus bus,
      Destination destination,
      ConfigStore store,
      SchemaRegistry schemas,
      EntityLocks locks,
      SyncMeters meters,
      SyncSettings settings) {
    this.profileId = profileId;
    this.bus = bus;
    this.destination = destination;
    this.store = store;
    this.schemas = schemas;
    this.locks = locks;
    this.meters = meters;
    this.backoff = new Backoff(settings);
  }

  @Override
  public void run() {
    while (!signal.stopped()) {
      Duration next = POLL;
      try {
        completeDue();
        backoff.reset();
      } catch (RuntimeException e) {
        LOG.warn(
            "Completing a full read of profile {} failed for now, will retry: {}",
            profileId,
            FailureReason.of(e));
        next = backoff.delayAfter(e);
      }
      if (!signal.pause(next)) {
        return;
      }
    }
  }

  /** Completes every published full read whose notifications the writers have all handled. */
  void completeDue() {
    for (EntitySyncState state : store.entityStates(profileId)) {
      String entity = state.entity();
      if (state.reexportStartedAt() == null || state.reexportPublishedAt() == null) {
        waiting.remove(entity);
        continue;
      }
      Waiting read = waiting.get(entity);
      if (read == null || !read.start().equals(state.reexportStartedAt())) {
        // everything the read published is on the bus before this moment
        read = new Waiting(state.reexportStartedAt(), bus.endOffsets());
        waiting.put(entity, read);
      }
      if (handled(read.endOffsets())) {
        complete(schemas.schema(entity), read.start());
        waiting.remove(entity);
      }
    }
  }

  private boolean handled(Map<Integer, Long> endOffsets) {
    Map<Integer, Long> committed = bus.committedOffsets(ProfileRuntime.WRITER_GROUP);
    return endOffsets.entrySet().stream()
        .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  private void complete(EntitySchema schema, Instant start) {
    String entity = schema.logicalName();
    ReentrantLock applying = locks.applying(entity);
    applying.lock();
    try (var logged = LogContext.entity(entity)) {
      Set<UUID> keep = store.failures().unappliedSince(profileId, entity, start);
      long swept = destination.sweep(schema, start, keep);
      int resolved = store.failures().clearFailuresReadBefore(profileId, entity, start);
      if (!store.finishReexport(profileId, entity, start)) {
        LOG.info("Full read of {} of profile {} was begun again meanwhile", entity, profileId);
        return;
      }
      meters.swept(profileId, entity, swept);
      LOG.info(
          "Full read of {} of profile {} complete; removed {} row(s) the source no longer has{}",
          entity,
          profileId,
          swept,
          resolved == 0 ? "" : ", resolved " + resolved + " earlier failure(s)");
    } finally {
      applying.unlock();
    }
  }

  /** Stops after the completion in hand; what is left is found in the store next time. */
  void stop() {
    signal.stop();
  }
}
