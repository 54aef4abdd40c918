package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/** A GUID in PostgreSQL's native 16-byte {@code uuid}, bound as a {@link UUID}. */
final class UuidType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "uuid";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.OTHER);
    } else {
      statement.setObject(index, (UUID) value);
    }
  }
}
