package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.SqlDialectProvider;

/** Makes the MySQL/MariaDB dialect known to {@link io.dataexport.jdbc.dialect.SqlDialects}. */
public final class MysqlDialectProvider implements SqlDialectProvider {
  private static final SqlDialect DIALECT = new MysqlDialect();

  @Override
  public String type() {
    return MysqlDialect.TYPE;
  }

  @Override
  public SqlDialect dialect() {
    return DIALECT;
  }
}
