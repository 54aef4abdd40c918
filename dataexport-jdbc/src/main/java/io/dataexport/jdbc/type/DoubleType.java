package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** A double-precision float, bound with {@code setDouble}; only the DDL name differs. */
public final class DoubleType implements ColumnType {
  private final String sqlType;

  public DoubleType(String sqlType) {
    this.sqlType = sqlType;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    return sqlType;
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, (Double) value);
    }
  }
}
