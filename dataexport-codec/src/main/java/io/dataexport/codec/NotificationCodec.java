package io.dataexport.codec;

import static io.dataexport.codec.BinaryForm.FORMAT;
import static io.dataexport.codec.BinaryForm.LEGACY_JSON;
import static io.dataexport.codec.BinaryForm.OPERATION_DELETE;
import static io.dataexport.codec.BinaryForm.OPERATION_UPSERT;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns notifications into bytes and back so that every payload value comes back in the form
 * {@link SyncNotification} promises: whole numbers as {@code Long}, decimals as {@code BigDecimal}
 * with their scale, lookups as maps ({@code LinkedHashMap}, keys in their order), collections as
 * lists, text and GUIDs as {@code String}.
 *
 * <p>Values of other Java types that have an obvious form are written in it: {@code Integer} and
 * the other whole-number types (a {@code BigInteger} within the range of {@code Long}) come back as
 * {@code Long}, {@code Double} and {@code Float} as {@code BigDecimal} ({@link
 * BigDecimal#valueOf(double)}), {@code UUID}, {@code Instant} and {@code LocalDate} as ISO text.
 * Anything else (also a {@code BigInteger} beyond {@code Long}, a non-finite double, maps and
 * lists nested deeper than 1000) is refused at publish rather than changed silently. Thread-safe:
 * nothing is shared between calls.
 *
 * <p>Public because the same form serves wherever a notification is stored as bytes: the embedded
 * bus, and the blob store's parked notifications and claim-checked payloads.
 *
 * <p><b>The form</b> is binary, led by a format byte:
 *
 * <pre>
 *   byte     format: 1
 *   string   profileId
 *   string   entity
 *   8+8      recordId: most, then least significant bits, big-endian
 *   byte     operation: 0 upsert, 1 delete
 *   zigzag   version
 *   zigzag   syncTime: seconds since the epoch, then a varint of nanoseconds
 *   map      payload
 *   byte     0, or 1 followed by the string payloadRef
 *
 *   varint   unsigned, 7 bits a byte, least significant first, high bit set on all but the last
 *   zigzag   a signed number as a varint of (n &lt;&lt; 1) ^ (n &gt;&gt; 63)
 *   string   varint count of bytes, then the text in UTF-8; a surrogate without its pair (which
 *            UTF-8 cannot express, and Java strings may hold) takes its own three bytes, as in WTF-8
 *   map      varint count of entries, then per entry a string key and a value
 *   value    a tag byte, then: 0 null, 1 false, 2 true (nothing more); 3 whole number (zigzag);
 *            4 decimal (zigzag scale, zigzag unscaled value); 5 decimal whose unscaled value
 *            exceeds 18 digits (zigzag scale, varint count of bytes, its two's-complement bytes
 *            big-endian); 6 string; 7 map; 8 list (varint count of elements, then the values)
 * </pre>
 *
 * <p>No value takes more bytes than its JSON form would, so a bound on the JSON size of a payload
 * (the claim check skips encoding payloads that are certainly small) also bounds this form.
 *
 * <p>Records written by earlier versions, which stored notifications as JSON objects (first byte
 * {@code '{'}), are still read, so that bus segments, parked notifications and claim-checked
 * payloads survive an upgrade.
 */
public final class NotificationCodec {
  private static final ObjectMapper LEGACY_MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .build();

  /**
   * The notification in the form above.
   *
   * @throws IllegalArgumentException when a payload value has a type a payload cannot carry
   */
  public byte[] encode(SyncNotification notification) {
    Map<String, Object> payload = notification.payload();
    BinaryEncoder out = new BinaryEncoder(256 + 64 * payload.size(), notification);
    out.writeByte(FORMAT);
    out.writeString(notification.profileId());
    out.writeString(notification.entity());
    out.writeFixedLong(notification.recordId().getMostSignificantBits());
    out.writeFixedLong(notification.recordId().getLeastSignificantBits());
    out.writeByte(
        switch (notification.operation()) {
          case UPSERT -> OPERATION_UPSERT;
          case DELETE -> OPERATION_DELETE;
        });
    out.writeZigZag(notification.version());
    out.writeZigZag(notification.syncTime().getEpochSecond());
    out.writeVarLong(notification.syncTime().getNano());
    out.writeMap(payload, 1);
    if (notification.payloadRef() == null) {
      out.writeByte((byte) 0);
    } else {
      out.writeByte((byte) 1);
      out.writeString(notification.payloadRef());
    }
    return out.bytes();
  }

  /**
   * A notification {@link #encode} (or an earlier version's JSON form) wrote.
   *
   * @throws IllegalStateException when the bytes are not such a notification: empty, truncated, of
   *     another format, with an unknown tag, invalid text or bytes after the end
   */
  public SyncNotification decode(byte[] bytes) {
    try {
      if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
        return decodeLegacyJson(bytes);
      }
      return new BinaryDecoder(bytes).notification();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("A bus record is not a notification: " + e.getMessage(), e);
    }
  }

  /**
   * The {@link SyncNotification#payloadRef() payload reference} of an encoded notification, if it
   * has one; reads only as much as it needs (a notification carrying its payload inline is not
   * decoded past its header).
   *
   * @throws IllegalStateException when the bytes are not a notification
   */
  public Optional<String> payloadRef(byte[] bytes) {
    try {
      if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
        return Optional.ofNullable(decodeLegacyJson(bytes).payloadRef());
      }
      return Optional.ofNullable(new BinaryDecoder(bytes).payloadRef());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("A bus record is not a notification: " + e.getMessage(), e);
    }
  }

  private static SyncNotification decodeLegacyJson(byte[] bytes) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> json = LEGACY_MAPPER.readValue(bytes, LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) json.get("payload");
    return new SyncNotification(
        (String) json.get("profileId"),
        (String) json.get("entity"),
        UUID.fromString((String) json.get("recordId")),
        Operation.valueOf((String) json.get("operation")),
        ((Number) json.get("version")).longValue(),
        Instant.parse((String) json.get("syncTime")),
        payload,
        (String) json.get("payloadRef"));
  }
}
