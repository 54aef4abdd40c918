package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.PreparedStatement;

/**
 * A generated key: SQLite's rowid alias, with AUTOINCREMENT so ids of deleted rows are never reused
 * (the delete log's ids keep growing).
 */
final class AutoIncrementType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "INTEGER PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) {
    throw new UnsupportedOperationException("generated keys are never bound");
  }
}
