package io.dataexport.store.config;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the store keeps them: whole microseconds since the epoch in an integer column, so
 * that SQL can compare them (for "latest sync time") and PostgreSQL could keep them alike.
 */
final class Micros {
  private Micros() {}

  /** Now, to the microsecond. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** An instant as the store gives it back: cut to the microsecond. */
  static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }
  }

  static Instant get(ResultSet row, String column) throws SQLException {
    long micros = row.getLong(column);
    return row.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
