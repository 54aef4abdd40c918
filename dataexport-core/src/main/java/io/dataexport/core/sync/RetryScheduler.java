package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.store.bus.NotificationCodec;
import io.dataexport.store.config.FailedRecord;
import io.dataexport.store.config.FailureStore;
import io.dataexport.store.config.ParkedNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries parked notifications again when they are due (tries 2, 3, … of {@link RetryPolicy}), one
 * destination transaction each, on a thread of its own so the stream never waits for them. A
 * notification that applies is removed from the parking lot and counted as succeeded; one that
 * fails again is due again after the retry interval, or, when that was its last try, is given up: a
 * failure-log entry with minimal data, its blob deleted, counted as failed.
 *
 * <p>Applying an older version late is harmless: the destination's version guard keeps a newer row
 * and a deletion. A try holds its entity's applying lock ({@link EntityLocks}), so it never
 * interleaves with the writer's batch of the same entity, and checks first that a full read has not
 * superseded the entry.
 */
final class RetryScheduler implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryScheduler.class);
  private static final int BATCH = 100;
  private static final Duration IDLE = Duration.ofMillis(250);

  private final String profileId;
  private final Destination destination;
  private final SchemaRegistry schemas;
  private final BlobStore blobs;
  private final FailureStore failures;
  private final Supplier<RetryPolicy> policy;
  private final EntityLocks locks;
  private final RefusedDeletes refusedDeletes;
  private final LiveMetrics metrics;
  private final SyncMeters meters;
  private final Clock clock;
  private final StopSignal signal = new StopSignal();
  private final NotificationCodec codec = new NotificationCodec();

  RetryScheduler(
      String profileId,
      Destination destination,
      SchemaRegistry schemas,
      BlobStore blobs,
      FailureStore failures,
      Supplier<RetryPolicy> policy,
      EntityLocks locks,
      RefusedDeletes refusedDeletes,
      LiveMetrics metrics,
      SyncMeters meters,
      Clock clock) {
    this.profileId = profileId;
    this.destination = destination;
    this.schemas = schemas;
    this.blobs = blobs;
    this.failures = failures;
    this.policy = policy;
    this.locks = locks;
    this.refusedDeletes = refusedDeletes;
    this.metrics = metrics;
    this.meters = meters;
    this.clock = clock;
  }

  /** Asks the scheduler to stop after the try in hand. */
  void stop() {
    signal.stop();
  }

  @Override
  public void run() {
    while (!signal.stopped()) {
      boolean busy = false;
      try {
        busy = retryDue();
      } catch (RuntimeException e) {
        // e.g. the config store cannot be read now: nothing was tried, so nothing is lost
        LOG.warn("Retries of profile {} paused: {}", profileId, FailureReason.of(e));
      }
      if (!busy && !signal.pause(IDLE)) {
        return;
      }
    }
  }

  /** Tries the due notifications once each; returns whether a full batch was due. */
  private boolean retryDue() {
    List<ParkedNotification> due = failures.due(profileId, clock.instant(), BATCH);
    for (ParkedNotification entry : due) {
      if (signal.stopped()) {
        return false;
      }
      retry(entry);
    }
    return due.size() == BATCH;
  }

  /**
   * Tries one entry with its entity's rows to itself: a full read may have superseded the entry
   * since it was read as due, and then it must not be written.
   */
  private void retry(ParkedNotification entry) {
    ReentrantLock applying = locks.applying(entry.entity());
    applying.lock();
    try {
      if (failures.isParked(entry)) {
        tryOnce(entry);
      }
    } finally {
      applying.unlock();
    }
  }

  private void tryOnce(ParkedNotification entry) {
    Optional<byte[]> stored;
    try {
      stored = blobs.get(entry.blobKey());
    } catch (BlobIntegrityException | ConfigurationException e) {
      giveUp(entry, "The parked notification cannot be read: " + FailureReason.of(e));
      return;
    } catch (RetriableException e) {
      // the blob store, not the notification, is failing: no try is spent
      LOG.warn(
          "Cannot read a parked notification of profile {} now: {}", profileId, e.getMessage());
      return;
    }
    if (stored.isEmpty()) {
      giveUp(entry, "The parked notification is missing from the blob store.");
      return;
    }
    SyncNotification notification = codec.decode(stored.get());
    try {
      EntitySchema schema = schemas.schema(entry.entity());
      if (!schemas.knows(schema, notification.payload().keySet())) {
        schema = schemas.refresh(entry.entity());
      }
      long started = System.nanoTime();
      refusedDeletes.report(entry.entity(), destination.apply(schema, List.of(notification)));
      meters.applied(profileId, entry.entity(), Duration.ofNanos(System.nanoTime() - started));
    } catch (RuntimeException e) {
      // whatever the kind: a try was made and failed (a bug must not retry in a tight loop)
      if (!(e instanceof DataExportException)) {
        LOG.error(
            "Retry of a notification of profile {} failed unexpectedly",
            profileId,
            FailureReason.redacted(e));
      }
      failedAgain(entry, FailureReason.of(e));
      return;
    }
    if (failures.applied(entry)) {
      metrics.applied(entry.entity(), 1);
      LOG.debug(
          "Applied {} {} {} of profile {} at try {}",
          entry.operation(),
          entry.entity(),
          entry.recordId(),
          profileId,
          entry.attempts() + 1);
    }
    deleteBlob(entry);
  }

  /** Counts a failed try; parks the notification again or, at its last try, gives it up. */
  private void failedAgain(ParkedNotification entry, String reason) {
    int tries = entry.attempts() + 1;
    RetryPolicy retry = policy.get();
    if (retry.triesLeft(tries)) {
      Instant now = clock.instant();
      failures.triedAgain(entry.failedAgain(retry.nextTry(now), reason));
      LOG.warn(
          "Try {} of {} {} {} of profile {} failed, next in {} s: {}",
          tries,
          entry.operation(),
          entry.entity(),
          entry.recordId(),
          profileId,
          retry.interval().toSeconds(),
          reason);
      return;
    }
    giveUp(entry, reason, tries);
  }

  private void giveUp(ParkedNotification entry, String reason) {
    giveUp(entry, reason, entry.attempts() + 1);
  }

  private void giveUp(ParkedNotification entry, String reason, int tries) {
    if (failures.gaveUp(entry, FailedRecord.of(entry, tries, reason, clock.instant()))) {
      LOG.error(
          "Gave up {} {} {} of profile {} after {} tries: {}",
          entry.operation(),
          entry.entity(),
          entry.recordId(),
          profileId,
          tries,
          reason);
    }
    deleteBlob(entry);
  }

  /** After the entry is gone from the store; a leftover blob is only untidy. */
  private void deleteBlob(ParkedNotification entry) {
    try {
      blobs.delete(entry.blobKey());
    } catch (RuntimeException e) {
      LOG.warn("Could not delete a parked blob of profile {}: {}", profileId, FailureReason.of(e));
    }
  }
}
