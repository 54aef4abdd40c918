package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** A 32-bit whole number, bound with {@code setInt}; only the DDL name differs per database. */
public final class IntegerType implements ColumnType {
  private final String sqlType;

  public IntegerType(String sqlType) {
    this.sqlType = sqlType;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    return sqlType;
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, (Integer) value);
    }
  }
}
