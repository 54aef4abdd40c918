package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.SqlDialectProvider;

/** Makes the SQL Server dialect known to {@link io.dataexport.jdbc.dialect.SqlDialects}. */
public final class SqlServerDialectProvider implements SqlDialectProvider {
  private static final SqlDialect DIALECT = new SqlServerDialect();

  @Override
  public String type() {
    return SqlServerDialect.TYPE;
  }

  @Override
  public SqlDialect dialect() {
    return DIALECT;
  }
}
