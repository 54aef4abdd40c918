package io.dataexport.jdbc;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Builds sync notifications for tests. */
public final class Notifications {
  private static final Instant SYNC_TIME = Instant.parse("2024-01-01T00:00:00Z");

  private Notifications() {}

  public static SyncNotification upsert(
      String entity, UUID id, long version, Map<String, Object> payload) {
    return new SyncNotification(
        "profile-1", entity, id, Operation.UPSERT, version, SYNC_TIME, payload);
  }

  public static SyncNotification delete(String entity, UUID id, long version) {
    return new SyncNotification(
        "profile-1", entity, id, Operation.DELETE, version, SYNC_TIME, Map.of());
  }
}
