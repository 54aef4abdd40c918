package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.SqlDialectProvider;

/** Makes the PostgreSQL dialect known to {@link io.dataexport.jdbc.dialect.SqlDialects}. */
public final class PostgresqlDialectProvider implements SqlDialectProvider {
  private static final SqlDialect DIALECT = new PostgresqlDialect();

  @Override
  public String type() {
    return PostgresqlDialect.TYPE;
  }

  @Override
  public SqlDialect dialect() {
    return DIALECT;
  }
}
