package io.dataexport.api.notification;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of one record, on its way from a change reader to the destination.
 *
 * <p>Payload values keep the forms JSON gives them, so a notification survives the bus unchanged:
 * {@code String} (text, GUIDs, ISO-8601 UTC date-times, {@code yyyy-MM-dd} dates, multi-select
 * choices as {@code "1,3"}), {@code Long} (whole numbers, choices), {@link java.math.BigDecimal}
 * (decimals, money, doubles), {@code Boolean}, {@code null}; a lookup is a {@code Map} with {@code
 * id} (GUID text) and {@code logicalName} (the target entity). Keys are attribute logical names.
 * Destinations convert by the attribute's {@link io.dataexport.api.schema.AttributeType}.
 *
 * <p><b>Claim check.</b> A payload too large to travel on the bus inline is stored in the {@link
 * io.dataexport.api.blob.BlobStore} by the change reader; the notification then carries the blob's
 * key in {@code payloadRef} and an empty payload, and the writer loads the payload before applying
 * it (and deletes the blob once the notification is handled). Destinations only ever see
 * notifications with their payload inline.
 *
 * @param profileId the export profile the change belongs to
 * @param entity the entity's logical name
 * @param recordId the record's primary key
 * @param operation upsert or delete
 * @param version the source's row version; a destination never lets an older version overwrite a
 *     newer one
 * @param syncTime when the change reader read the change
 * @param payload for upserts, the record's attributes (see above); empty for deletes and for
 *     notifications whose payload is in the blob store
 * @param payloadRef the blob key holding this notification with its payload, or null when the
 *     payload is inline
 */
public record SyncNotification(
    String profileId,
    String entity,
    UUID recordId,
    Operation operation,
    long version,
    Instant syncTime,
    Map<String, Object> payload,
    String payloadRef) {

  public SyncNotification {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(syncTime, "syncTime");
    payload =
        payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    if (payloadRef != null && !payload.isEmpty()) {
      throw new IllegalArgumentException(
          "A notification of "
              + entity
              + " "
              + recordId
              + " carries its payload inline or by reference, not both.");
    }
  }

  /** A notification with its payload inline (no claim check). */
  public SyncNotification(
      String profileId,
      String entity,
      UUID recordId,
      Operation operation,
      long version,
      Instant syncTime,
      Map<String, Object> payload) {
    this(profileId, entity, recordId, operation, version, syncTime, payload, null);
  }

  /** The bus partition key: all changes of one record share it, so they stay in order. */
  public String partitionKey() {
    return entity + "/" + recordId;
  }

  /** Whether the payload waits in the blob store under {@link #payloadRef()}. */
  public boolean hasPayloadRef() {
    return payloadRef != null;
  }

  /** This notification with its payload replaced by a reference to the blob holding it. */
  public SyncNotification withPayloadRef(String blobKey) {
    Objects.requireNonNull(blobKey, "blobKey");
    return new SyncNotification(
        profileId, entity, recordId, operation, version, syncTime, Map.of(), blobKey);
  }
}
