package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureStore;
import io.dataexport.api.store.WriteOutcome;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.sync.BatchApplier.Item;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies notifications from the bus to the destination: batches per entity, one destination
 * transaction per batch, acknowledgement only after the outcome is recorded. This is every
 * notification's first try ({@link RetryPolicy}); what fails is parked for the retry scheduler (or
 * given up when no tries are left), so a bad record never blocks its entity.
 *
 * <p>An outage is not a bad record: when a poll's batches fail transiently and nothing of the poll
 * could be applied, the destination is taken as unavailable, the failing batches are handed back to
 * the bus and the writer backs off. So is an entity's batch of which nothing applied because the
 * destination said it takes nothing at all ({@link io.dataexport.api.error.UnavailableException}:
 * unreachable, refusing connections, authentication failing, disk full), even when another entity's
 * batch of the same poll applied before the destination went away. Nothing is parked and no try is
 * spent while the destination is down; the bus holds the notifications durably meanwhile ({@link
 * RetryPolicy}).
 */
final class NotificationWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationWriter.class);

  private final String profileId;
  private final BusConsumer consumer;
  private final SchemaRegistry schemas;
  private final BatchApplier applier;
  private final EntityLocks locks;
  private final ClaimCheck claimCheck;
  private final Parking parking;
  private final FailureStore failures;
  private final LiveMetrics metrics;
  private final SyncMeters meters;
  private final SyncSettings settings;
  private final Clock clock;
  private final BooleanSupplier keepGoing;

  NotificationWriter(
      String profileId,
      BusConsumer consumer,
      SchemaRegistry schemas,
      BatchApplier applier,
      EntityLocks locks,
      ClaimCheck claimCheck,
      Parking parking,
      FailureStore failures,
      LiveMetrics metrics,
      SyncMeters meters,
      SyncSettings settings,
      Clock clock,
      BooleanSupplier keepGoing) {
    this.profileId = profileId;
    this.consumer = consumer;
    this.schemas = schemas;
    this.applier = applier;
    this.locks = locks;
    this.claimCheck = claimCheck;
    this.parking = parking;
    this.failures = failures;
    this.metrics = metrics;
    this.meters = meters;
    this.settings = settings;
    this.clock = clock;
    this.keepGoing = keepGoing;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff(settings);
    try {
      while (keepGoing.getAsBoolean()) {
        RuntimeException failure;
        try {
          List<Delivery> deliveries = consumer.poll(settings.batchSize(), Duration.ofMillis(200));
          if (deliveries.isEmpty()) {
            continue;
          }
          failure = handle(deliveries);
        } catch (RuntimeException e) {
          // The writer must outlive any failure: a dead writer applies nothing more, and what it
          // polled would stay unacknowledged until a restart.
          LOG.error(
              "Writer of profile {} failed; it goes on after a pause",
              profileId,
              FailureReason.redacted(e));
          failure = e;
        }
        if (failure == null) {
          backoff.reset();
        } else {
          pause(backoff.delayAfter(failure));
        }
      }
    } finally {
      consumer.close();
    }
  }

  /** Waits before the next try, checking often whether the writer should stop. */
  private void pause(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    while (keepGoing.getAsBoolean() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          Math.min(deadline - System.nanoTime(), 50_000_000L));
    }
  }

  /** One entity's deliveries of a poll and what their first try did. */
  private record Attempt(
      String entity,
      List<Delivery> deliveries,
      BatchApplier.Result result,
      List<FailedRecord> unreadable) {}

  /**
   * Tries every entity's batch of one poll, then records, acknowledges and hands back.
   *
   * @return the failure to back off after, or null when the poll was handled
   */
  private RuntimeException handle(List<Delivery> deliveries) {
    Map<String, List<Delivery>> byEntity = new LinkedHashMap<>();
    for (Delivery delivery : deliveries) {
      byEntity
          .computeIfAbsent(delivery.notification().entity(), e -> new ArrayList<>())
          .add(delivery);
    }
    List<Attempt> attempts = new ArrayList<>();
    List<Delivery> handBack = new ArrayList<>();
    RuntimeException failure = null;
    for (Map.Entry<String, List<Delivery>> group : byEntity.entrySet()) {
      try {
        attempts.add(attempt(group.getKey(), group.getValue()));
      } catch (RuntimeException e) {
        // configuration (a privilege, an entity gone) or a bug: nothing of the group is the
        // records' fault, so it is handed back and tried again until an administrator fixes it
        logGroupFailure(group.getKey(), e);
        failure = failure == null ? e : failure;
        handBack.addAll(group.getValue());
      }
    }
    boolean outage =
        attempts.stream().allMatch(a -> a.result().applied().isEmpty())
            && attempts.stream().anyMatch(a -> a.result().anyTransient());
    List<Delivery> done = new ArrayList<>();
    for (Attempt attempt : attempts) {
      if ((outage && attempt.result().anyTransient())
          || attempt.result().destinationUnavailable()) {
        LOG.warn(
            "Destination of profile {} takes nothing now ({}); {} notifications of {} stay on the"
                + " bus",
            profileId,
            firstTransientReason(attempt),
            attempt.deliveries().size(),
            attempt.entity());
        failure =
            failure == null ? new RetriableException(firstTransientReason(attempt), null) : failure;
        handBack.addAll(attempt.deliveries());
        continue;
      }
      try {
        record(attempt);
        done.addAll(attempt.deliveries());
      } catch (RuntimeException e) {
        logGroupFailure(attempt.entity(), e);
        failure = failure == null ? e : failure;
        handBack.addAll(attempt.deliveries());
      }
    }
    // hand back before acknowledging: a failing acknowledgement must not leave deliveries that are
    // neither applied nor handed back (they would block the partition until a restart)
    if (!handBack.isEmpty()) {
      consumer.release(handBack);
    }
    if (!done.isEmpty()) {
      consumer.acknowledge(done);
      releaseClaimChecks(done);
    }
    return failure;
  }

  /** Checks the payloads out and makes the first try. */
  private Attempt attempt(String entity, List<Delivery> deliveries) {
    List<Item> items = new ArrayList<>(deliveries.size());
    List<FailedRecord> unreadable = new ArrayList<>();
    Instant now = clock.instant();
    for (Delivery delivery : deliveries) {
      try {
        Optional<SyncNotification> full = claimCheck.checkOut(delivery.notification());
        // no blob: handled before and delivered again after a restart
        full.ifPresent(n -> items.add(new Item(delivery, n)));
      } catch (BlobIntegrityException e) {
        // the payload cannot be read, now or later: give it up so an administrator resyncs it
        unreadable.add(Parking.givenUp(delivery.notification(), FailureReason.of(e), now));
      }
    }
    if (items.isEmpty()) {
      return new Attempt(
          entity, deliveries, new BatchApplier.Result(List.of(), List.of()), unreadable);
    }
    EntitySchema schema = schemas.schema(entity);
    if (!knowsAll(schema, items)) {
      schema = schemas.refresh(entity);
    }
    long started = System.nanoTime();
    BatchApplier.Result result;
    ReentrantLock applying = locks.applying(entity);
    applying.lock();
    try {
      result = applier.apply(schema, items);
    } finally {
      applying.unlock();
    }
    meters.applied(profileId, entity, Duration.ofNanos(System.nanoTime() - started));
    return new Attempt(entity, deliveries, result, unreadable);
  }

  /** Parks or gives up what failed and records the outcome; durable before the acknowledgement. */
  private void record(Attempt attempt) {
    Instant now = clock.instant();
    Parking.Decision decision = parking.decide(attempt.result().failures(), now);
    List<FailedRecord> failed = new ArrayList<>(decision.failed());
    failed.addAll(attempt.unreadable());
    Instant lastSynced = null;
    for (Item item : attempt.result().applied()) {
      Instant syncTime = item.notification().syncTime();
      lastSynced = lastSynced == null || syncTime.isAfter(lastSynced) ? syncTime : lastSynced;
    }
    failures.record(
        new WriteOutcome(
            profileId,
            attempt.entity(),
            attempt.result().applied().size(),
            decision.parked(),
            failed,
            lastSynced));
    metrics.handled(
        attempt.entity(), attempt.deliveries().stream().map(Delivery::notification).toList());
    metrics.applied(attempt.entity(), attempt.result().applied().size());
    if (!decision.parked().isEmpty()) {
      LOG.warn(
          "Parked {} notification(s) of {} of profile {} for another try in {} s: {}",
          decision.parked().size(),
          attempt.entity(),
          profileId,
          decision.parked().get(0).nextAttemptAt().getEpochSecond() - now.getEpochSecond(),
          decision.parked().get(0).lastReason());
    }
    for (FailedRecord given : failed) {
      try (var named = LogContext.record(given.recordId())) {
        LOG.error(
            "Gave up {} {} {} of profile {} after 1 try: {}",
            given.changeType(),
            given.entity(),
            given.recordId(),
            profileId,
            given.reason());
      }
    }
  }

  /** Deletes the claim-check blobs of handled notifications; a leftover is only untidy. */
  private void releaseClaimChecks(List<Delivery> handled) {
    for (Delivery delivery : handled) {
      try {
        claimCheck.release(delivery.notification());
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not delete a payload blob of {} of profile {}: {}",
            delivery.notification().entity(),
            profileId,
            FailureReason.of(e));
      }
    }
  }

  private void logGroupFailure(String entity, RuntimeException e) {
    if (e instanceof DataExportException) {
      LOG.error(
          "Writing {} of profile {} failed, will retry: {}",
          entity,
          profileId,
          FailureReason.of(e));
    } else {
      LOG.error(
          "Writing {} of profile {} failed, will retry",
          entity,
          profileId,
          FailureReason.redacted(e));
    }
  }

  private static String firstTransientReason(Attempt attempt) {
    return attempt.result().failures().stream()
        .filter(BatchApplier.Failure::transientFailure)
        .map(BatchApplier.Failure::reason)
        .findFirst()
        .orElse("unavailable");
  }

  /** Whether the schema has every attribute the items carry. */
  private static boolean knowsAll(EntitySchema schema, List<Item> items) {
    Set<String> known = new HashSet<>();
    schema.attributes().forEach(a -> known.add(a.logicalName()));
    for (Item item : items) {
      if (!known.containsAll(item.notification().payload().keySet())) {
        return false;
      }
    }
    return true;
  }
}
