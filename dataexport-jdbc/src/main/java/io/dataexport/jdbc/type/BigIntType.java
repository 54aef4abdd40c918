package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** A 64-bit whole number, bound with {@code setLong}; only the DDL name differs per database. */
public final class BigIntType implements ColumnType {
  private final String sqlType;

  public BigIntType(String sqlType) {
    this.sqlType = sqlType;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    return sqlType;
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, (Long) value);
    }
  }
}
