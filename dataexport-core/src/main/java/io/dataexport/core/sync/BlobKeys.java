package io.dataexport.core.sync;

import io.dataexport.api.notification.SyncNotification;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where a profile's notifications go in the blob store. Every key starts with {@code <profile
 * id>/}, so deleting a profile deletes them all with one {@code deleteAll("<profile id>/")}.
 *
 * <ul>
 *   <li>{@code <profile>/parked/<entity>/<record id>-<version>-<uuid>}: a parked notification. The
 *       uuid is derived from the notification's bus position, so a redelivery parked again lands on
 *       the same key (and the same config-store row) instead of leaving a second copy.
 *   <li>{@code <profile>/payload/<entity>/<record id>-<version>-<uuid>}: a payload over the inline
 *       limit (claim check); a random uuid, so two notifications never share a blob.
 * </ul>
 */
final class BlobKeys {
  private BlobKeys() {}

  /** The prefix of every blob of a profile. */
  static String profilePrefix(String profileId) {
    return profileId + "/";
  }

  /** The prefix of a profile's parked notifications. */
  static String parkedPrefix(String profileId) {
    return profileId + "/parked/";
  }

  /** The prefix of a profile's claim-checked payloads. */
  static String payloadPrefix(String profileId) {
    return profileId + "/payload/";
  }

  static String parked(SyncNotification notification, int partition, long offset) {
    UUID position =
        UUID.nameUUIDFromBytes(
            (notification.profileId() + "/" + partition + "/" + offset)
                .getBytes(StandardCharsets.UTF_8));
    return key(notification, "parked", position);
  }

  static String payload(SyncNotification notification) {
    return key(notification, "payload", UUID.randomUUID());
  }

  private static String key(SyncNotification notification, String kind, UUID unique) {
    return notification.profileId()
        + "/"
        + kind
        + "/"
        + notification.entity()
        + "/"
        + notification.recordId()
        + "-"
        + notification.version()
        + "-"
        + unique;
  }
}
