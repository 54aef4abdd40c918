package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/** A date-only value as ISO-8601 text, {@code 2023-04-07}. */
final class DateTextType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "TEXT";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, ((LocalDate) value).toString());
    }
  }
}
