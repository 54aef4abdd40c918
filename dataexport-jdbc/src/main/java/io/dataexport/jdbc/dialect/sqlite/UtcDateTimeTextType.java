package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * A source date-time as ISO-8601 UTC text, {@code 2023-04-07T21:59:01Z} (fractional seconds only
 * when the source has them), which SQLite's date functions read.
 */
final class UtcDateTimeTextType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "TEXT";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, ((Instant) value).toString());
    }
  }
}
