package io.dataexport.store.bus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns notifications into JSON bytes and back so that every payload value comes back in the form
 * {@link SyncNotification} promises: whole numbers as {@code Long}, decimals as {@code BigDecimal}
 * with their scale, lookups as maps, text and GUIDs as {@code String}.
 *
 * <p>Values of other Java types that have an obvious form are written in it: {@code Integer} and
 * the other whole-number types come back as {@code Long}, {@code Double} and {@code Float} as
 * {@code BigDecimal}, {@code UUID}, {@code Instant} and {@code LocalDate} as ISO text. Anything
 * else is refused at publish rather than changed silently. Thread-safe.
 *
 * <p>Public because the same form serves wherever a notification is stored as bytes: the embedded
 * bus, and the blob store's parked notifications and claim-checked payloads.
 */
public final class NotificationCodec {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .build();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  /**
   * The notification as UTF-8 JSON.
   *
   * @throws IllegalArgumentException when a payload value has a type a payload cannot carry
   */
  public byte[] encode(SyncNotification notification) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("profileId", notification.profileId());
      json.writeStringField("entity", notification.entity());
      json.writeStringField("recordId", notification.recordId().toString());
      json.writeStringField("operation", notification.operation().name());
      json.writeNumberField("version", notification.version());
      json.writeStringField("syncTime", notification.syncTime().toString());
      json.writeFieldName("payload");
      writeMap(json, notification.payload(), notification);
      if (notification.payloadRef() != null) {
        json.writeStringField("payloadRef", notification.payloadRef());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A notification {@link #encode} wrote.
   *
   * @throws IllegalStateException when the bytes are not such a notification
   */
  public SyncNotification decode(byte[] bytes) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> json = MAPPER.readValue(bytes, LinkedHashMap.class);
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
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("A bus record is not a notification: " + e.getMessage(), e);
    }
  }

  private static void writeMap(JsonGenerator json, Map<?, ?> map, SyncNotification context)
      throws IOException {
    json.writeStartObject();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      json.writeFieldName(String.valueOf(entry.getKey()));
      writeValue(json, entry.getValue(), entry.getKey(), context);
    }
    json.writeEndObject();
  }

  private static void writeValue(
      JsonGenerator json, Object value, Object attribute, SyncNotification context)
      throws IOException {
    switch (value) {
      case null -> json.writeNull();
      case String text -> json.writeString(text);
      case Boolean flag -> json.writeBoolean(flag);
      case Long number -> json.writeNumber(number);
      case Integer number -> json.writeNumber(number.longValue());
      case Short number -> json.writeNumber(number.longValue());
      case Byte number -> json.writeNumber(number.longValue());
      case BigInteger number -> json.writeNumber(number);
      case BigDecimal number -> writeDecimal(json, number);
      case Double number -> writeDecimal(json, decimalOf(number, attribute, context));
      case Float number -> writeDecimal(json, decimalOf(number.doubleValue(), attribute, context));
      case UUID id -> json.writeString(id.toString());
      case Instant instant -> json.writeString(instant.toString());
      case LocalDate date -> json.writeString(date.toString());
      case Map<?, ?> map -> writeMap(json, map, context);
      case Collection<?> values -> {
        json.writeStartArray();
        for (Object element : values) {
          writeValue(json, element, attribute, context);
        }
        json.writeEndArray();
      }
      default ->
          throw new IllegalArgumentException(
              unsupported(attribute, context, "a " + value.getClass().getName()));
    }
  }

  /**
   * A decimal without fraction digits ({@code 5}, scale 0) would read back as a whole number; the
   * exponent form {@code 5E0} keeps it a decimal with the same scale. Other scales already print
   * with a point or an exponent.
   */
  private static void writeDecimal(JsonGenerator json, BigDecimal number) throws IOException {
    if (number.scale() == 0) {
      json.writeNumber(number.unscaledValue().toString() + "E0");
    } else {
      json.writeNumber(number.toString());
    }
  }

  private static BigDecimal decimalOf(double number, Object attribute, SyncNotification context) {
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      throw new IllegalArgumentException(unsupported(attribute, context, "the double " + number));
    }
    return BigDecimal.valueOf(number);
  }

  private static String unsupported(Object attribute, SyncNotification context, String what) {
    return "Attribute '"
        + attribute
        + "' of "
        + context.entity()
        + " "
        + context.recordId()
        + " holds "
        + what
        + ", which a notification payload cannot carry; use String, Long, BigDecimal, Boolean,"
        + " null or a lookup map.";
  }
}
