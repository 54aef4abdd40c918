package io.dataexport.api.store;

import io.dataexport.api.notification.Operation;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An entry of a profile's failure log: a record whose notification was given up after its tries.
 * Minimal data only (SPEC §5): no attribute values.
 *
 * @param id the entry's id, increasing; 0 for an entry not stored yet
 * @param profileId the profile
 * @param entity the entity's logical name
 * @param recordId the record's id
 * @param changeType the operation of the notification given up
 * @param syncTime when the change reader read that change
 * @param reason why the last try failed (no record data)
 * @param attempts how many tries were made
 * @param firstFailedAt when the first try failed
 * @param failedAt when the last try failed and the notification was given up
 */
public record FailedRecord(
    long id,
    String profileId,
    String entity,
    UUID recordId,
    Operation changeType,
    Instant syncTime,
    String reason,
    int attempts,
    Instant firstFailedAt,
    Instant failedAt) {

  public FailedRecord {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(changeType, "changeType");
    Objects.requireNonNull(syncTime, "syncTime");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(firstFailedAt, "firstFailedAt");
    Objects.requireNonNull(failedAt, "failedAt");
  }

  /** The entry of a parked notification given up now. */
  public static FailedRecord of(
      ParkedNotification parked, int attempts, String reason, Instant failedAt) {
    return new FailedRecord(
        0,
        parked.profileId(),
        parked.entity(),
        parked.recordId(),
        parked.operation(),
        parked.syncTime(),
        reason,
        attempts,
        parked.firstFailedAt(),
        failedAt);
  }
}
