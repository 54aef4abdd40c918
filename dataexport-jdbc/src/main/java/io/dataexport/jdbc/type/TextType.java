package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Unbounded text under one DDL name (SQLite {@code TEXT}, PostgreSQL {@code text}), bound with
 * {@code setString}. Databases that size their text columns use their own type.
 */
public final class TextType implements ColumnType {
  private final String sqlType;

  public TextType(String sqlType) {
    this.sqlType = sqlType;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    return sqlType;
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, (String) value);
    }
  }
}
