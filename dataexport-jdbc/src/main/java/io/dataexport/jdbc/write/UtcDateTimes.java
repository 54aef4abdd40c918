package io.dataexport.jdbc.write;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads the one date-time form Dataverse sends, {@code 2023-04-07T21:59:01Z} (optionally with a
 * fraction of up to nine digits), and its date-only form {@code 2023-04-07}, without the general
 * ISO parser, which costs more than the rest of a row's conversion. Anything else is left to that
 * parser.
 */
final class UtcDateTimes {
  private static final int SHORTEST = "2023-04-07T21:59:01Z".length();

  private UtcDateTimes() {}

  /** The instant, or null when the text is not exactly of that form or not a valid time. */
  static Instant parse(String text) {
    int length = text.length();
    if (length < SHORTEST
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int nanos = 0;
    if (length > SHORTEST) {
      int fraction = length - SHORTEST - 1;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(text, 20, fraction);
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if ((year | month | day | hour | minute | second | nanos) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The date of text exactly of the form {@code 2023-04-07}, or null otherwise or if invalid. */
  static LocalDate parseDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    if ((year | month | day) < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The number of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
