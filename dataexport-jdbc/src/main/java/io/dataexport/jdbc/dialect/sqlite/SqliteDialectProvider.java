package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.SqlDialectProvider;

/** Makes the SQLite dialect known to {@link io.dataexport.jdbc.dialect.SqlDialects}. */
public final class SqliteDialectProvider implements SqlDialectProvider {
  private static final SqlDialect DIALECT = new SqliteDialect();

  @Override
  public String type() {
    return SqliteDialect.TYPE;
  }

  @Override
  public SqlDialect dialect() {
    return DIALECT;
  }
}
