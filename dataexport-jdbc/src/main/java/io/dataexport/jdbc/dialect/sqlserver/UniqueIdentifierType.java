package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * A GUID as SQL Server's 16-byte {@code uniqueidentifier}, as DES stored it. Bound as its text,
 * which SQL Server converts (the driver has no portable binding for {@link UUID}).
 */
final class UniqueIdentifierType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "uniqueidentifier";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.CHAR);
    } else {
      statement.setString(index, ((UUID) value).toString());
    }
  }
}
