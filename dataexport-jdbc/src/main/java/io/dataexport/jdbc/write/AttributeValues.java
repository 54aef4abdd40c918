package io.dataexport.jdbc.write;

import io.dataexport.api.schema.AttributeSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Converts payload values (the JSON forms {@link io.dataexport.api.notification.SyncNotification}
 * documents) to the Java types of the attribute's column kind: {@code Integer}, {@code Long},
 * {@code BigDecimal}, {@code Double}, {@code Boolean}, {@code String}, {@code UUID}, {@code
 * Instant}, {@code LocalDate}, or a {@link LookupValue}. Lenient where the meaning is unambiguous
 * (a whole number as text, {@code 1.0} for an integer), strict otherwise; never rounds.
 */
final class AttributeValues {
  private static final Pattern GUID =
      Pattern.compile("\\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}}?");
  private static final Pattern CHOICES = Pattern.compile("-?\\d+(,-?\\d+)*");

  private AttributeValues() {}

  /**
   * The value to write for an attribute.
   *
   * @param raw the payload value, or null
   * @return the converted value, or null for NULL
   * @throws ValueRejectedException when the value does not fit the attribute
   */
  static Object convert(AttributeSchema attribute, Object raw) {
    if (raw == null) {
      return null;
    }
    return switch (attribute.type()) {
      case STRING, MEMO, ENTITY_NAME -> text(raw);
      case INTEGER, PICKLIST, STATE, STATUS -> integer(raw);
      case BIGINT -> bigInt(raw);
      case DECIMAL, MONEY -> decimal(raw);
      case DOUBLE -> floating(raw);
      case BOOLEAN -> bool(raw);
      case DATETIME -> attribute.dateOnly() ? date(raw) : dateTime(raw);
      case UNIQUEIDENTIFIER -> guid(raw);
      case MULTI_SELECT_PICKLIST -> choices(raw);
      case LOOKUP, CUSTOMER, OWNER -> lookup(attribute, raw);
    };
  }

  private static String text(Object raw) {
    return switch (raw) {
      case String s -> s;
      case BigDecimal d -> d.toPlainString();
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      default -> throw rejected("text", raw);
    };
  }

  private static Integer integer(Object raw) {
    BigInteger whole = wholeNumber(raw, "a whole number");
    try {
      return whole.intValueExact();
    } catch (ArithmeticException e) {
      throw rejected("a whole number between -2147483648 and 2147483647", raw);
    }
  }

  private static Long bigInt(Object raw) {
    BigInteger whole = wholeNumber(raw, "a whole number");
    try {
      return whole.longValueExact();
    } catch (ArithmeticException e) {
      throw rejected("a whole number within the 64-bit range", raw);
    }
  }

  private static BigInteger wholeNumber(Object raw, String expected) {
    BigDecimal number =
        switch (raw) {
          case Long l -> BigDecimal.valueOf(l);
          case Integer i -> BigDecimal.valueOf(i);
          case Short s -> BigDecimal.valueOf(s);
          case BigInteger b -> new BigDecimal(b);
          case BigDecimal d -> d;
          case String s -> parseDecimal(s, expected, raw);
          default -> throw rejected(expected, raw);
        };
    try {
      return number.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw rejected(expected, raw);
    }
  }

  private static BigDecimal decimal(Object raw) {
    return switch (raw) {
      case BigDecimal d -> d;
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      case BigInteger b -> new BigDecimal(b);
      case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
      case String s -> parseDecimal(s, "a decimal number", raw);
      default -> throw rejected("a decimal number", raw);
    };
  }

  private static Double floating(Object raw) {
    double value =
        switch (raw) {
          case Number n -> n.doubleValue();
          case String s -> parseDecimal(s, "a number", raw).doubleValue();
          default -> throw rejected("a number", raw);
        };
    if (!Double.isFinite(value)) {
      throw rejected("a finite number", raw);
    }
    return value;
  }

  private static BigDecimal parseDecimal(String text, String expected, Object raw) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw rejected(expected, raw);
    }
  }

  private static Boolean bool(Object raw) {
    return switch (raw) {
      case Boolean b -> b;
      case Number n when n.doubleValue() == 0 -> false;
      case Number n when n.doubleValue() == 1 -> true;
      case String s when s.equalsIgnoreCase("true") || s.equals("1") -> true;
      case String s when s.equalsIgnoreCase("false") || s.equals("0") -> false;
      default -> throw rejected("true or false", raw);
    };
  }

  private static Instant dateTime(Object raw) {
    return switch (raw) {
      case Instant i -> i;
      case OffsetDateTime o -> o.toInstant();
      case String s when UtcDateTimes.parse(s) instanceof Instant fast -> fast;
      case String s -> parseDateTime(s.trim(), raw);
      default -> throw rejected("an ISO-8601 date-time such as 2023-04-07T21:59:01Z", raw);
    };
  }

  private static Instant parseDateTime(String text, Object raw) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException offsetMissing) {
      try {
        // Dataverse always sends UTC with 'Z'; a time without offset is read as UTC.
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        throw rejected("an ISO-8601 date-time such as 2023-04-07T21:59:01Z", raw);
      }
    }
  }

  private static LocalDate date(Object raw) {
    if (raw instanceof LocalDate d) {
      return d;
    }
    if (raw instanceof String s && UtcDateTimes.parseDate(s) instanceof LocalDate fast) {
      return fast;
    }
    if (raw instanceof String s && !s.contains("T")) {
      try {
        return LocalDate.parse(s.trim());
      } catch (DateTimeException e) {
        throw rejected("a date such as 2023-04-07", raw);
      }
    }
    try {
      return LocalDate.ofInstant(dateTime(raw), ZoneOffset.UTC);
    } catch (ValueRejectedException e) {
      throw rejected("a date such as 2023-04-07", raw);
    }
  }

  private static UUID guid(Object raw) {
    if (raw instanceof UUID u) {
      return u;
    }
    if (raw instanceof String s && isCanonicalGuidShape(s)) {
      try {
        return UUID.fromString(s); // strict for 36 characters: hex digits between the dashes
      } catch (IllegalArgumentException e) {
        throw rejected("a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301", raw);
      }
    }
    if (raw instanceof String s && GUID.matcher(s.trim()).matches()) {
      String plain = s.trim();
      if (plain.startsWith("{")) {
        plain = plain.substring(1, plain.length() - 1);
      }
      return UUID.fromString(plain);
    }
    throw rejected("a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301", raw);
  }

  /** 36 characters with dashes where a GUID has them: the form Dataverse sends. */
  private static boolean isCanonicalGuidShape(String s) {
    return s.length() == 36
        && s.charAt(8) == '-'
        && s.charAt(13) == '-'
        && s.charAt(18) == '-'
        && s.charAt(23) == '-';
  }

  private static String choices(Object raw) {
    String text =
        switch (raw) {
          case String s -> s.replaceAll("\\s", "");
          case List<?> list ->
              list.stream().map(v -> String.valueOf(integer(v))).collect(Collectors.joining(","));
          default -> throw rejected("choice values such as \"1,3\"", raw);
        };
    if (text.isEmpty()) {
      return null;
    }
    if (!CHOICES.matcher(text).matches()) {
      throw rejected("choice values such as \"1,3\"", raw);
    }
    return text;
  }

  private static LookupValue lookup(AttributeSchema attribute, Object raw) {
    String singleTarget = attribute.targets().size() == 1 ? attribute.targets().getFirst() : null;
    return switch (raw) {
      case Map<?, ?> map -> {
        Object id = map.get("id");
        Object logicalName = map.get("logicalName");
        if (id == null) {
          yield null;
        }
        if (logicalName != null && !(logicalName instanceof String)) {
          throw rejected("a lookup whose logicalName is text", raw);
        }
        yield new LookupValue(
            guid(id), logicalName == null ? singleTarget : ((String) logicalName));
      }
      case String s -> new LookupValue(guid(s), singleTarget);
      case UUID u -> new LookupValue(u, singleTarget);
      default -> throw rejected("a lookup {\"id\": <GUID>, \"logicalName\": <entity>}", raw);
    };
  }

  private static ValueRejectedException rejected(String expected, Object raw) {
    String shown = String.valueOf(raw);
    if (shown.length() > 100) {
      shown = shown.substring(0, 100) + "…";
    }
    return new ValueRejectedException(
        "expects "
            + expected
            + ", got '"
            + shown
            + "' ("
            + raw.getClass().getSimpleName().toLowerCase(Locale.ROOT)
            + ")");
  }
}
