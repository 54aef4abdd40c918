package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/** A GUID as lower-case text ({@code 3f2504e0-4f89-11d3-9a0c-0305e82c3301}): SQLite has no uuid. */
final class GuidTextType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "TEXT";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, ((UUID) value).toString());
    }
  }
}
