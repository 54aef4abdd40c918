package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;

/** A generated key: an {@code AUTO_INCREMENT} {@code bigint}, the table's primary key. */
final class AutoIncrementType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "bigint NOT NULL AUTO_INCREMENT PRIMARY KEY";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) {
    throw new UnsupportedOperationException("generated keys are never bound");
  }
}
