package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/** A date-only value in a native {@code DATE} column, bound as a {@link LocalDate}. */
public final class DateType implements ColumnType {
  private final String sqlType;

  public DateType(String sqlType) {
    this.sqlType = sqlType;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    return sqlType;
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DATE);
    } else {
      statement.setObject(index, (LocalDate) value);
    }
  }
}
