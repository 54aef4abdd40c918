package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A time the service wrote, as fixed-width UTC text with microseconds, {@code
 * 2023-04-07T21:59:01.123456Z}: fixed width makes text order time order, so {@code SinkModifiedOn <
 * ?} compares correctly. Finer digits are truncated.
 */
final class TimestampTextType implements ColumnType {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Override
  public String sqlType(ColumnDefinition column) {
    return "TEXT";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, FORMAT.format((Instant) value));
    }
  }
}
