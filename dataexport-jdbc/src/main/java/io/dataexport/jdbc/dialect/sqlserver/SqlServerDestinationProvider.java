package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.JdbcDestinationProvider;

/** {@code destination.type = sqlserver}: the SQL destination on {@link SqlServerDialect}. */
public final class SqlServerDestinationProvider extends JdbcDestinationProvider {
  public SqlServerDestinationProvider() {
    super(new SqlServerDialect());
  }

  @Override
  public DestinationConfig example() {
    return new DestinationConfig(
        SqlServerDialect.TYPE,
        "jdbc:sqlserver://db:1433;databaseName=crm",
        "dataexport",
        null,
        "export",
        null);
  }
}
