package io.dataexport.soak.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One text per value, whether it comes from the emulator's store or from PostgreSQL's driver:
 * numbers as plain decimals without trailing zeros, times as ISO-8601 UTC instants, dates as ISO
 * dates, GUIDs lower-case, multi-select choices as {@code 1,3}.
 */
final class NormalForm {
  private NormalForm() {}

  static String of(Object value) {
    return switch (value) {
      case null -> null;
      case Boolean b -> b.toString();
      case BigDecimal d -> plain(d);
      case Double d -> plain(BigDecimal.valueOf(d));
      case Float f -> plain(new BigDecimal(f.toString()));
      case Number n -> plain(new BigDecimal(n.toString()));
      case Instant t -> t.toString();
      case java.sql.Timestamp t -> t.toInstant().toString();
      case OffsetDateTime t -> t.toInstant().toString();
      case java.sql.Date d -> d.toLocalDate().toString();
      case LocalDate d -> d.toString();
      case UUID u -> u.toString();
      case List<?> options ->
          options.stream().map(String::valueOf).collect(Collectors.joining(","));
      case String s -> s;
      default -> value.toString();
    };
  }

  /** A GUID as text, lower-case. */
  static String id(Object value) {
    return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
  }

  private static String plain(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }
}
