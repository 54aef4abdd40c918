package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.store.FailureStore;
import io.dataexport.core.metrics.SyncMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a profile's orphan blobs, which nothing would remove until the profile is deleted:
 *
 * <ul>
 *   <li>claim-check payloads ({@link BlobKeys#payloadPrefix}) whose notification never reached the
 *       bus (a crash between storing the blob and publishing) or was handled while the blob's
 *       delete failed;
 *   <li>parked notifications ({@link BlobKeys#parkedPrefix}) whose entry was never recorded (a
 *       crash between storing the blob and the store's transaction) or was removed while the blob's
 *       delete failed.
 * </ul>
 *
 * <p>Age alone never makes a blob an orphan: a notification may wait on the bus for hours while the
 * destination is down, a parked one for its next try. A payload blob is referenced while a
 * notification the writer group has not acknowledged carries its key ({@link
 * NotificationBus#pendingPayloadRefs}), a parked blob while the {@code parked} table has its key;
 * referenced blobs are never removed. Every blob is written before what refers to it, and the blobs
 * are listed before the references are read, so an unreferenced blob is an orphan unless its
 * reference is being written right now: the grace period ({@link SyncSettings#orphanGracePeriod()})
 * leaves blobs younger than that alone.
 *
 * <p>Runs on a thread of its own, one sweep every {@link SyncSettings#orphanSweepInterval()}; a
 * sweep that fails (the blob store, bus or config store unavailable) is logged and the next one
 * tries again. Removals are counted ({@link SyncMeters#orphansRemoved}).
 */
final class OrphanBlobSweep implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanBlobSweep.class);

  /**
   * What one sweep removed.
   *
   * @param payloads claim-check payloads no pending notification referred to
   * @param parked parked notifications without an entry
   */
  record Result(int payloads, int parked) {
    int total() {
      return payloads + parked;
    }
  }

  private final String profileId;
  private final NotificationBus bus;
  private final BlobStore blobs;
  private final FailureStore failures;
  private final SyncMeters meters;
  private final Duration interval;
  private final Duration gracePeriod;
  private final Clock clock;
  private final StopSignal signal = new StopSignal();

  OrphanBlobSweep(
      String profileId,
      NotificationBus bus,
      BlobStore blobs,
      FailureStore failures,
      SyncMeters meters,
      SyncSettings settings,
      Clock clock) {
    this.profileId = profileId;
    this.bus = bus;
    this.blobs = blobs;
    this.failures = failures;
    this.meters = meters;
    this.interval = settings.orphanSweepInterval();
    this.gracePeriod = settings.orphanGracePeriod();
    this.clock = clock;
  }

  /** Whether sweeps are switched on at all (a positive interval). */
  boolean enabled() {
    return interval.isPositive();
  }

  /** Asks the sweep to stop; one in progress ends after the blob in hand. */
  void stop() {
    signal.stop();
  }

  @Override
  public void run() {
    while (enabled() && signal.pause(interval)) {
      try {
        sweep();
      } catch (DataExportException e) {
        LOG.warn(
            "Sweep of orphan blobs of profile {} failed, next in {} s: {}",
            profileId,
            interval.toSeconds(),
            FailureReason.of(e));
      } catch (RuntimeException e) {
        // a bug must not end the sweeps: the next one may well succeed
        LOG.error(
            "Sweep of orphan blobs of profile {} failed unexpectedly, next in {} s",
            profileId,
            interval.toSeconds(),
            FailureReason.redacted(e));
      }
    }
  }

  /**
   * Removes the blobs of the profile older than the grace period that nothing refers to.
   *
   * @throws io.dataexport.api.error.RetriableException when the blob store, the bus or the config
   *     store cannot be read now (what was removed until then is counted)
   */
  Result sweep() {
    Instant writtenBefore = clock.instant().minus(gracePeriod);
    // listed before the references are read: a blob's reference is written after the blob
    List<String> payloads = olderThan(BlobKeys.payloadPrefix(profileId), writtenBefore);
    List<String> parked = olderThan(BlobKeys.parkedPrefix(profileId), writtenBefore);
    int removedPayloads =
        remove(payloads, () -> bus.pendingPayloadRefs(ProfileRuntime.WRITER_GROUP));
    int removedParked = remove(parked, () -> failures.parkedBlobKeys(profileId));
    Result result = new Result(removedPayloads, removedParked);
    meters.orphansRemoved(profileId, 0);
    if (result.total() > 0) {
      LOG.info(
          "Removed {} orphan blob(s) of profile {} older than {}: {} claim-check payload(s) no"
              + " pending notification referred to, {} parked notification(s) without an entry",
          result.total(),
          profileId,
          gracePeriod,
          removedPayloads,
          removedParked);
    }
    return result;
  }

  private List<String> olderThan(String prefix, Instant writtenBefore) {
    return blobs.list(prefix).stream()
        .filter(blob -> !blob.lastModified().isAfter(writtenBefore))
        .map(StoredBlob::key)
        .toList();
  }

  /** Removes the candidates not referenced; the references are read only when there are any. */
  private int remove(List<String> candidates, Supplier<Set<String>> references) {
    if (candidates.isEmpty()) {
      return 0;
    }
    Set<String> referenced = references.get();
    int removed = 0;
    for (String key : candidates) {
      if (signal.stopped()) {
        break;
      }
      if (!referenced.contains(key)) {
        blobs.delete(key);
        meters.orphansRemoved(profileId, 1);
        removed++;
        // keys name entity and record id: not for the INFO line
        LOG.debug("Removed orphan blob {} of profile {}", key, profileId);
      }
    }
    return removed;
  }
}
