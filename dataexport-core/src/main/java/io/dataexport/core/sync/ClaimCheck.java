package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.codec.NotificationCodec;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The claim check of oversized payloads: a notification whose encoded form ({@link
 * NotificationCodec}, payload included) exceeds the inline limit is stored in the blob store
 * (encrypted) and travels on the bus as a reference; the writer checks it out again before applying
 * it and deletes the blob once the notification is handled. Thread-safe.
 */
final class ClaimCheck {
  // Bounds of a value's JSON form, which the codec's binary form never exceeds (it promises so).
  // Bytes a JSON value can take at most per character of text: an escaped control character
  // (\\u0000) is six. Only used to skip encoding payloads that are certainly small.
  private static final int WORST_BYTES_PER_CHAR = 6;
  private static final int NUMBER_BYTES = 64;
  // Room for everything an encoded notification holds besides its payload (ids, names, times).
  private static final int ENVELOPE_BYTES = 1024;

  private final BlobStore blobs;
  private final NotificationCodec codec = new NotificationCodec();
  private final int inlineLimit;

  ClaimCheck(BlobStore blobs, int inlineLimit) {
    this.blobs = blobs;
    this.inlineLimit = inlineLimit;
  }

  /**
   * The notification to publish: itself when its payload fits inline, else a reference to a blob
   * now holding it (durable on return).
   */
  SyncNotification checkIn(SyncNotification notification) {
    if (notification.hasPayloadRef()
        || ENVELOPE_BYTES + upperBound(notification.payload()) <= inlineLimit) {
      return notification;
    }
    byte[] encoded = codec.encode(notification);
    if (encoded.length <= inlineLimit) {
      return notification;
    }
    String key = BlobKeys.payload(notification);
    blobs.put(key, encoded);
    return notification.withPayloadRef(key);
  }

  /**
   * The notification with its payload inline: itself when it has no reference, else the one stored
   * under its reference. Empty when that blob is gone, which happens only when the notification was
   * handled before (the blob is deleted after that, and a bus may deliver a handled notification
   * again after a restart).
   *
   * @throws io.dataexport.api.error.RetriableException when the blob store cannot be read now
   * @throws io.dataexport.api.blob.BlobIntegrityException when the blob does not authenticate
   */
  Optional<SyncNotification> checkOut(SyncNotification notification) {
    if (!notification.hasPayloadRef()) {
      return Optional.of(notification);
    }
    return blobs.get(notification.payloadRef()).map(codec::decode);
  }

  /** Deletes the blob a notification refers to, if it refers to one. */
  void release(SyncNotification notification) {
    if (notification.hasPayloadRef()) {
      blobs.delete(notification.payloadRef());
    }
  }

  /** A bound no smaller than the payload's encoded size, computed without encoding it. */
  private static long upperBound(Object value) {
    return switch (value) {
      case null -> 4;
      case String text -> 2 + (long) text.length() * WORST_BYTES_PER_CHAR;
      case Map<?, ?> map -> {
        long size = 2;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          size += upperBound(String.valueOf(entry.getKey())) + 2 + upperBound(entry.getValue());
        }
        yield size;
      }
      case Collection<?> values -> {
        long size = 2;
        for (Object element : values) {
          size += upperBound(element) + 1;
        }
        yield size;
      }
      case BigDecimal number -> 9 + number.precision(); // sign and digits of the unscaled value
      default -> NUMBER_BYTES;
    };
  }
}
