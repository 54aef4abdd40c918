package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * A GUID as lower-case {@code char(36)} in ASCII: 36 bytes in keys and indexes (not 144 as in
 * utf8mb4), compared case-insensitively so an upper-case GUID typed into a report still matches.
 */
final class GuidCharType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "char(36) CHARACTER SET ascii COLLATE ascii_general_ci";
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
