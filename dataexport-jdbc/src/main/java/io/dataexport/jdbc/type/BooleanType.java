package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Yes/no in a database with a boolean-like type (PostgreSQL {@code boolean}, MySQL {@code
 * TINYINT(1)}, SQL Server {@code bit}), bound with {@code setBoolean}.
 */
public final class BooleanType implements ColumnType {
  private final String sqlType;

  public BooleanType(String sqlType) {
    this.sqlType = sqlType;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    return sqlType;
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BOOLEAN);
    } else {
      statement.setBoolean(index, (Boolean) value);
    }
  }
}
