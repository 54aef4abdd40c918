package io.dataexport.core.sync;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.store.config.ConfigStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies notifications from the bus to the destination: batches per entity, one destination
 * transaction per batch, acknowledgement only after the commit. A batch the destination rejects is
 * split until the records it cannot take are isolated; the others are applied.
 */
final class NotificationWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationWriter.class);

  private final String profileId;
  private final BusConsumer consumer;
  private final Destination destination;
  private final SchemaRegistry schemas;
  private final ConfigStore store;
  private final LiveMetrics metrics;
  private final SyncSettings settings;
  private final Clock clock;
  private final BooleanSupplier keepGoing;

  NotificationWriter(
      String profileId,
      BusConsumer consumer,
      Destination destination,
      SchemaRegistry schemas,
      ConfigStore store,
      LiveMetrics metrics,
      SyncSettings settings,
      Clock clock,
      BooleanSupplier keepGoing) {
    this.profileId = profileId;
    this.consumer = consumer;
    this.destination = destination;
    this.schemas = schemas;
    this.store = store;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
    this.keepGoing = keepGoing;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff(settings);
    try {
      while (keepGoing.getAsBoolean()) {
        RuntimeException transientFailure;
        try {
          List<Delivery> deliveries =
              consumer.poll(settings.batchSize(), java.time.Duration.ofMillis(200));
          if (deliveries.isEmpty()) {
            continue;
          }
          transientFailure = applyAll(deliveries);
        } catch (RuntimeException e) {
          // The writer must outlive any failure: a dead writer applies nothing more, and what it
          // polled would stay unacknowledged until a restart.
          LOG.error("Writer of profile {} failed; it goes on after a pause", profileId, e);
          transientFailure = e;
        }
        if (transientFailure == null) {
          backoff.reset();
        } else {
          pause(backoff.delayAfter(transientFailure));
        }
      }
    } finally {
      consumer.close();
    }
  }

  /** Waits before the next try, checking often whether the writer should stop. */
  private void pause(java.time.Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    while (keepGoing.getAsBoolean() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          Math.min(deadline - System.nanoTime(), 50_000_000L));
    }
  }

  /**
   * Applies one poll's deliveries entity by entity; acknowledges what was applied and hands back
   * what met a transient failure.
   *
   * @return the transient failure, or null when everything was applied or isolated
   */
  private RuntimeException applyAll(List<Delivery> deliveries) {
    Map<String, List<Delivery>> byEntity = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      byEntity
          .computeIfAbsent(delivery.notification().entity(), e -> new ArrayList<>())
          .add(delivery);
    }
    List<Delivery> done = new ArrayList<>();
    List<Delivery> retry = new ArrayList<>();
    RuntimeException failure = null;
    for (Map.Entry<String, List<Delivery>> group : byEntity.entrySet()) {
      if (failure != null) {
        retry.addAll(group.getValue());
        continue;
      }
      try {
        apply(group.getKey(), group.getValue());
        done.addAll(group.getValue());
      } catch (RetriableException e) {
        LOG.warn(
            "Writing {} of profile {} failed for now, will retry: {}",
            group.getKey(),
            profileId,
            e.getMessage());
        failure = e;
        retry.addAll(group.getValue());
      } catch (RuntimeException e) {
        // A configuration problem (a privilege, an entity gone from the source) or a bug: nothing
        // of the group was acknowledged, so it is tried again until an administrator fixes it.
        if (e instanceof DataExportException) {
          LOG.error(
              "Writing {} of profile {} failed, will retry: {}",
              group.getKey(),
              profileId,
              e.getMessage());
        } else {
          LOG.error("Writing {} of profile {} failed, will retry", group.getKey(), profileId, e);
        }
        failure = e;
        retry.addAll(group.getValue());
      }
    }
    // release before acknowledging: a failing acknowledgement must not leave deliveries that are
    // neither applied nor handed back (they would block the partition until a restart)
    if (!retry.isEmpty()) {
      consumer.release(retry);
    }
    if (!done.isEmpty()) {
      consumer.acknowledge(done);
    }
    return failure;
  }

  private void apply(String entity, List<Delivery> deliveries) {
    List<SyncNotification> notifications = new ArrayList<>(deliveries.size());
    deliveries.forEach(d -> notifications.add(d.notification()));
    EntitySchema schema = schemas.schema(entity);
    if (!schemas.knows(schema, attributesOf(notifications))) {
      schema = schemas.refresh(entity);
    }
    int[] outcome = new int[2];
    applyIsolating(schema, notifications, outcome);
    store.addCounts(
        profileId, entity, notifications.size(), outcome[0], outcome[1], clock.instant());
    metrics.applied(entity, notifications);
  }

  /** outcome[0] counts applied notifications, outcome[1] failed ones. */
  private void applyIsolating(
      EntitySchema schema, List<SyncNotification> notifications, int[] outcome) {
    try {
      destination.apply(schema, notifications);
      outcome[0] += notifications.size();
    } catch (PermanentException e) {
      if (notifications.size() == 1) {
        SyncNotification failed = notifications.get(0);
        outcome[1]++;
        LOG.error(
            "Giving up {} {} {} (version {}): {}",
            failed.operation(),
            failed.entity(),
            failed.recordId(),
            failed.version(),
            e.getMessage());
        return;
      }
      int half = notifications.size() / 2;
      applyIsolating(schema, notifications.subList(0, half), outcome);
      applyIsolating(schema, notifications.subList(half, notifications.size()), outcome);
    }
  }

  private static java.util.Set<String> attributesOf(List<SyncNotification> notifications) {
    java.util.Set<String> names = new java.util.HashSet<>();
    notifications.forEach(n -> names.addAll(n.payload().keySet()));
    return names;
  }
}
