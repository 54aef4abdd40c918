package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Yes/no as INTEGER 1/0, SQLite's own convention (it has no boolean type). */
final class BooleanIntegerType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "INTEGER";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, (Boolean) value ? 1 : 0);
    }
  }
}
