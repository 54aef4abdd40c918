package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.ParkedNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Begins and ends an entity's full reads — the initial sync, a re-export after an expired token or
 * a changed attribute list, an administrator's resync, and every read that starts over after a
 * crash — so that each one converges: once it is applied, the destination holds exactly the records
 * of the read's snapshot (and what changed since), whatever was published, parked or killed before.
 *
 * <p><b>Begin</b>, before the read publishes anything:
 *
 * <ol>
 *   <li>wait until every notification already on the bus is handled (applied, parked or given up),
 *       with resyncs of failed records of the entity held off, so nothing published earlier is
 *       written later;
 *   <li>supersede the entity's parked notifications (the read delivers their records' current
 *       state), so no earlier one is written later either;
 *   <li>record the read's start durably. A read that starts over (its first page published, then a
 *       crash before the cursor moved on) begins again here with a later start.
 * </ol>
 *
 * Every row written after the start is then the read's own (or a later change's).
 *
 * <p><b>End</b>, once the last page is published, is the writer side's ({@link
 * ReexportCompletion}): wait until the read's notifications are handled, then sweep the rows not
 * written since the start, except records whose notification of the read is parked or failed (not
 * known to be gone): those rows belong to records the snapshot did not have, deleted in the source
 * before the read began, or meanwhile between two attempts. Swept rows leave tombstones and
 * delete-log rows like any delete. Failure-log entries read before the start are resolved by the
 * read and removed.
 */
final class FullReads {
  private static final Logger LOG = LoggerFactory.getLogger(FullReads.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String profileId;
  private final NotificationBus bus;
  private final ConfigStore store;
  private final BlobStore blobs;
  private final EntityLocks locks;
  private final Clock clock;

  FullReads(
      String profileId,
      NotificationBus bus,
      ConfigStore store,
      BlobStore blobs,
      EntityLocks locks,
      Clock clock) {
    this.profileId = profileId;
    this.bus = bus;
    this.store = store;
    this.blobs = blobs;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Begins a full read of the entity.
   *
   * @return the read's start, recorded in the entity's state
   * @throws RetriableException when stopped while waiting, or the store fails now
   */
  Instant begin(String entity, StopSignal signal) {
    ReentrantLock publishing = locks.publishing(entity);
    publishing.lock();
    try {
      awaitHandled(entity, signal);
      List<ParkedNotification> superseded;
      Instant start;
      ReentrantLock applying = locks.applying(entity);
      applying.lock();
      try {
        superseded = store.failures().supersedeParked(profileId, entity);
        start = clock.instant();
        store.markResync(profileId, entity, start);
      } finally {
        applying.unlock();
      }
      if (!superseded.isEmpty()) {
        LOG.info(
            "Full read of {} of profile {} supersedes {} parked notification(s)",
            entity,
            profileId,
            superseded.size());
        superseded.forEach(this::deleteBlob);
      }
      return start;
    } finally {
      publishing.unlock();
    }
  }

  /**
   * Waits until the writers have handled everything on the bus now. Parked notifications do not
   * hold it up (their tries may take hours): {@link #begin} supersedes them, and the read's
   * completion keeps their rows.
   */
  private void awaitHandled(String entity, StopSignal signal) {
    Map<Integer, Long> end = bus.endOffsets();
    while (!signal.stopped()) {
      Map<Integer, Long> committed = bus.committedOffsets(ProfileRuntime.WRITER_GROUP);
      boolean done =
          end.entrySet().stream()
              .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
      if (done) {
        return;
      }
      signal.pause(POLL);
    }
    throw new RetriableException(
        "stopped while waiting for the notifications of " + entity + " to be applied", null);
  }

  /** After the entry is gone from the store; a leftover blob is only untidy. */
  private void deleteBlob(ParkedNotification entry) {
    try {
      blobs.delete(entry.blobKey());
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not delete a superseded parked blob of profile {}: {}",
          profileId,
          FailureReason.of(e));
    }
  }
}
