package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.jdbc.JdbcDestinationProvider;

/** Registers the general SQL destination for {@code destination.type = sqlserver}. */
public final class SqlServerDestinationProvider extends JdbcDestinationProvider {
  public SqlServerDestinationProvider() {
    super(SqlServerDialect.TYPE);
  }
}
