package io.dataexport.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a writer did with one batch of an entity's notifications from the bus, recorded atomically
 * before the bus is acknowledged.
 *
 * @param profileId the profile
 * @param entity the entity's logical name
 * @param succeeded how many were applied
 * @param parked the ones parked for another try (their blobs already stored)
 * @param failed the ones given up at once (no tries left)
 * @param lastSyncedAt the latest sync time among those applied, or null
 */
public record WriteOutcome(
    String profileId,
    String entity,
    long succeeded,
    List<ParkedNotification> parked,
    List<FailedRecord> failed,
    Instant lastSyncedAt) {

  public WriteOutcome {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(entity, "entity");
    parked = List.copyOf(parked);
    failed = List.copyOf(failed);
  }
}
