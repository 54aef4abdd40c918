package io.dataexport.api.store;

import io.dataexport.api.notification.Operation;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification that failed and waits for its next try. Only what the retry scheduler and the
 * status need; the notification itself (record data included) is in the blob store under {@code
 * blobKey}, encrypted.
 *
 * @param blobKey where the notification is stored; identifies the parked entry
 * @param profileId the profile
 * @param entity the entity's logical name
 * @param recordId the record's id
 * @param operation upsert or delete
 * @param version the notification's row version
 * @param syncTime when the change reader read the change
 * @param attempts tries made so far, the first one (the writer's) included; at least 1
 * @param firstFailedAt when the first try failed
 * @param nextAttemptAt when the next try is due
 * @param lastReason why the last try failed (no record data)
 */
public record ParkedNotification(
    String blobKey,
    String profileId,
    String entity,
    UUID recordId,
    Operation operation,
    long version,
    Instant syncTime,
    int attempts,
    Instant firstFailedAt,
    Instant nextAttemptAt,
    String lastReason) {

  public ParkedNotification {
    Objects.requireNonNull(blobKey, "blobKey");
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(syncTime, "syncTime");
    Objects.requireNonNull(firstFailedAt, "firstFailedAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastReason, "lastReason");
    if (attempts < 1) {
      throw new IllegalArgumentException("a parked notification has been tried at least once");
    }
  }

  /**
   * This entry due again later, its tries unchanged: a try that could not be made because the
   * destination is set up wrongly (a missing privilege, say), which is not the notification's
   * fault.
   */
  public ParkedNotification postponed(Instant nextAttempt, String reason) {
    return triedAgain(attempts, nextAttempt, reason);
  }

  /** This entry after one more failed try. */
  public ParkedNotification failedAgain(Instant nextAttempt, String reason) {
    return triedAgain(attempts + 1, nextAttempt, reason);
  }

  /** This entry with these tries, due again at the time given, for the reason given. */
  private ParkedNotification triedAgain(int tries, Instant nextAttempt, String reason) {
    return new ParkedNotification(
        blobKey,
        profileId,
        entity,
        recordId,
        operation,
        version,
        syncTime,
        tries,
        firstFailedAt,
        nextAttempt,
        reason);
  }
}
