package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A point in time as {@code timestamptz}: PostgreSQL stores the instant (microseconds) and shows it
 * in the session's time zone, so no reader can mistake it for local time. Bound as an {@link
 * OffsetDateTime} in UTC.
 */
final class TimestampTzType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "timestamptz";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
    }
  }
}
