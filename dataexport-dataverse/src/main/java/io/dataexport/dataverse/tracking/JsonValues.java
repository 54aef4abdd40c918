package io.dataexport.dataverse.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.schema.AttributeType;

/**
 * A JSON value of a record in the form {@link io.dataexport.api.notification.SyncNotification}
 * promises: whole numbers as {@code Long}, decimals, money and doubles as {@link
 * java.math.BigDecimal} (also when the source wrote {@code 100} rather than {@code 100.00}), text
 * as {@code String}, {@code Boolean}, or null.
 */
final class JsonValues {
  private JsonValues() {}

  /** The value of an attribute of the given type. */
  static Object of(JsonNode value, AttributeType type) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return switch (type) {
      case DECIMAL, MONEY, DOUBLE -> value.isNumber() ? value.decimalValue() : plain(value);
      case INTEGER, BIGINT, PICKLIST, STATE, STATUS ->
          value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : plain(value);
      default -> plain(value);
    };
  }

  /** The value as JSON gives it, for types with no numeric form or unexpected shapes. */
  private static Object plain(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    // an object or array where a scalar was expected: keep its JSON text rather than lose it
    return value.toString();
  }
}
