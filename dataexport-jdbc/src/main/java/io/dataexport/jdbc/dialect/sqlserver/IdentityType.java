package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;

/** A generated key: a {@code bigint IDENTITY}, the table's primary key. */
final class IdentityType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "bigint IDENTITY(1,1) PRIMARY KEY";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) {
    throw new UnsupportedOperationException("generated keys are never bound");
  }
}
