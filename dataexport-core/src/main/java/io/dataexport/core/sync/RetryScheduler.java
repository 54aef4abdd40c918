package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureStore;
import io.dataexport.api.store.ParkedNotification;
import io.dataexport.codec.NotificationCodec;
import io.dataexport.core.metrics.SyncMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>An outage spends no tries ({@link RetryPolicy#countsAsTry}). When a try finds the destination
 * unavailable ({@link UnavailableException}: unreachable, refusing connections, authentication
 * failing, no connection in time, disk full), the round stops there: the entry keeps its tries and
 * stays due, the scheduler backs off ({@link SyncSettings#errorBackoff()} doubling up to {@link
 * SyncSettings#maxBackoff()}) and tries the oldest due entry again, so parked notifications apply
 * by themselves once the destination is back, however long it was away. A try that finds the
 * destination set up wrongly ({@link ConfigurationException}: a missing table or privilege) does
 * not count either: the entry is due again after the retry interval, its tries unchanged, and the
 * round goes on with the others.
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
  private final Backoff backoff;
  private final StopSignal signal = new StopSignal();
  private final NotificationCodec codec = new NotificationCodec();
  private boolean waitingForDestination;

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
      SyncSettings settings,
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
    this.backoff = new Backoff(settings);
  }

  /** Asks the scheduler to stop after the try in hand. */
  void stop() {
    signal.stop();
  }

  @Override
  public void run() {
    while (!signal.stopped()) {
      Duration pause;
      try {
        pause = retryDue();
      } catch (RuntimeException e) {
        // e.g. the config store cannot be read now: nothing was tried, so nothing is lost
        LOG.warn("Retries of profile {} paused: {}", profileId, FailureReason.of(e));
        pause = IDLE;
      }
      if (!pause.isZero() && !signal.pause(pause)) {
        return;
      }
    }
  }

  /**
   * Tries the due notifications once each, oldest first, until one finds the destination
   * unavailable.
   *
   * @return how long to wait before the next round: none when a full batch was due, the back-off
   *     when the destination was unavailable
   */
  private Duration retryDue() {
    List<ParkedNotification> due = failures.due(profileId, clock.instant(), BATCH);
    for (ParkedNotification entry : due) {
      if (signal.stopped()) {
        return Duration.ZERO;
      }
      RetriableException unavailable = retry(entry);
      if (unavailable != null) {
        return waitForDestination(unavailable);
      }
    }
    if (!due.isEmpty()) {
      backoff.reset();
      if (waitingForDestination) {
        waitingForDestination = false;
        LOG.info("Destination of profile {} takes retries again", profileId);
      }
    }
    return due.size() == BATCH ? Duration.ZERO : IDLE;
  }

  /** The back-off after a try found the destination unavailable; says so once per outage. */
  private Duration waitForDestination(RetriableException failure) {
    Duration wait = backoff.delayAfter(failure);
    if (!waitingForDestination) {
      waitingForDestination = true;
      LOG.warn(
          "Retries of profile {} wait for the destination without spending tries, the next look"
              + " in {} ms: {}",
          profileId,
          wait.toMillis(),
          FailureReason.of(failure));
    } else {
      LOG.debug(
          "Retries of profile {} still wait, the next look in {} ms: {}",
          profileId,
          wait.toMillis(),
          FailureReason.of(failure));
    }
    return wait;
  }

  /**
   * Tries one entry with its entity's rows to itself: a full read may have superseded the entry
   * since it was read as due, and then it must not be written.
   *
   * @return the failure when the destination was unavailable, or the entity could not be described
   *     (the entry is left as it was, no try spent), else null
   */
  private RetriableException retry(ParkedNotification entry) {
    ReentrantLock applying = locks.applying(entry.entity());
    applying.lock();
    try (var entity = LogContext.entity(entry.entity());
        var record = LogContext.record(entry.recordId())) {
      return failures.isParked(entry) ? tryOnce(entry) : null;
    } finally {
      applying.unlock();
    }
  }

  private RetriableException tryOnce(ParkedNotification entry) {
    Optional<byte[]> stored;
    try {
      stored = blobs.get(entry.blobKey());
    } catch (BlobIntegrityException | ConfigurationException e) {
      giveUp(entry, "The parked notification cannot be read: " + FailureReason.of(e));
      return null;
    } catch (RetriableException e) {
      // the blob store, not the notification, is failing: no try is spent
      LOG.warn(
          "Cannot read a parked notification of profile {} now: {}", profileId, e.getMessage());
      return null;
    }
    if (stored.isEmpty()) {
      giveUp(entry, "The parked notification is missing from the blob store.");
      return null;
    }
    SyncNotification notification = codec.decode(stored.get());
    EntitySchema schema;
    try {
      schema = schemas.schema(entry.entity());
      if (!schemas.knows(schema, notification.payload().keySet())) {
        schema = schemas.refresh(entry.entity());
      }
    } catch (RetriableException e) {
      // the entity cannot be described now (the source or the destination is away): nothing was
      // tried
      return e;
    } catch (ConfigurationException e) {
      postpone(entry, FailureReason.of(e));
      return null;
    }
    EntitySchema described = schema;
    AtomicBoolean written = new AtomicBoolean();
    try {
      long started = System.nanoTime();
      // held in the store through the write, so that a full read beginning on another node
      // supersedes the entry only after it (this node's read waits for the entity's lock)
      boolean stillParked =
          failures.whileParked(
              entry,
              () -> {
                written.set(true);
                refusedDeletes.report(
                    entry.entity(), destination.apply(described, List.of(notification)));
              });
      if (!stillParked) {
        return null; // a full read on another node superseded it since the check
      }
      meters.applied(profileId, entry.entity(), Duration.ofNanos(System.nanoTime() - started));
    } catch (RuntimeException e) {
      if (!written.get()) {
        // the store, not the notification, failed before the write: no try is spent
        LOG.warn(
            "Cannot hold a parked notification of profile {} for its retry now: {}",
            profileId,
            FailureReason.of(e));
        return null;
      }
      if (!RetryPolicy.countsAsTry(e)) {
        return notTried(entry, e);
      }
      // the destination answered about this notification, or a bug (which must not retry in a
      // tight loop): a try was made and failed
      if (!(e instanceof DataExportException)) {
        LOG.error(
            "Retry of a notification of profile {} failed unexpectedly",
            profileId,
            FailureReason.redacted(e));
      }
      failedAgain(entry, FailureReason.of(e));
      return null;
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
    return null;
  }

  /**
   * A try the destination took nothing of; the entry keeps its tries. Unavailable: the round stops
   * and the entry stays due. Set up wrongly: the entry is due again after the interval.
   *
   * @return the failure when the destination was unavailable, else null
   */
  private RetriableException notTried(ParkedNotification entry, RuntimeException failure) {
    if (failure instanceof UnavailableException unavailable) {
      return unavailable;
    }
    postpone(entry, FailureReason.of(failure));
    return null;
  }

  /** A try the destination's set-up prevented: due again after the interval, tries unchanged. */
  private void postpone(ParkedNotification entry, String reason) {
    RetryPolicy retry = policy.get();
    failures.triedAgain(entry.postponed(retry.nextTry(clock.instant()), reason));
    LOG.warn(
        "{} {} {} of profile {} cannot be tried now, again in {} s without spending a try: {}",
        entry.operation(),
        entry.entity(),
        entry.recordId(),
        profileId,
        retry.interval().toSeconds(),
        reason);
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
