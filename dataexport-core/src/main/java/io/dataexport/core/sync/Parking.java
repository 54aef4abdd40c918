package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.ParkedNotification;
import io.dataexport.codec.NotificationCodec;
import io.dataexport.core.sync.BatchApplier.Failure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides what becomes of notifications whose first try failed: parked for the retry scheduler when
 * the profile's {@link RetryPolicy} leaves tries (the notification, record data included, goes to
 * the blob store, encrypted, durable before anything is recorded or acknowledged), or given up at
 * once when it does not.
 */
final class Parking {
  /**
   * What to record for a batch's failures.
   *
   * @param parked entries whose blobs are stored
   * @param failed records given up
   */
  record Decision(List<ParkedNotification> parked, List<FailedRecord> failed) {}

  private final BlobStore blobs;
  private final Supplier<RetryPolicy> policy;
  private final NotificationCodec codec = new NotificationCodec();

  Parking(BlobStore blobs, Supplier<RetryPolicy> policy) {
    this.blobs = blobs;
    this.policy = policy;
  }

  /**
   * Parks or gives up each failure of a first try made at {@code now}.
   *
   * @throws io.dataexport.api.error.RetriableException when the blob store cannot be written now
   *     (blobs already written are overwritten when the same deliveries are parked again)
   */
  Decision decide(List<Failure> failures, Instant now) {
    RetryPolicy retry = policy.get();
    List<ParkedNotification> parked = new ArrayList<>();
    List<FailedRecord> failed = new ArrayList<>();
    for (Failure failure : failures) {
      SyncNotification notification = failure.item().notification();
      if (!retry.triesLeft(1)) {
        failed.add(givenUp(notification, failure.reason(), now));
        continue;
      }
      String key =
          BlobKeys.parked(
              notification,
              failure.item().delivery().partition(),
              failure.item().delivery().offset());
      blobs.put(key, codec.encode(notification));
      parked.add(
          new ParkedNotification(
              key,
              notification.profileId(),
              notification.entity(),
              notification.recordId(),
              notification.operation(),
              notification.version(),
              notification.syncTime(),
              1,
              now,
              retry.nextTry(now),
              failure.reason()));
    }
    return new Decision(parked, failed);
  }

  /** The failure entry of a notification given up at its first try. */
  static FailedRecord givenUp(SyncNotification notification, String reason, Instant now) {
    return new FailedRecord(
        0,
        notification.profileId(),
        notification.entity(),
        notification.recordId(),
        notification.operation(),
        notification.syncTime(),
        reason,
        1,
        now,
        now);
  }
}
