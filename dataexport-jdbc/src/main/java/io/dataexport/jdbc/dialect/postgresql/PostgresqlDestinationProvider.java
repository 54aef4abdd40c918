package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.JdbcDestinationProvider;

/** {@code destination.type = postgresql}: the SQL destination on {@link PostgresqlDialect}. */
public final class PostgresqlDestinationProvider extends JdbcDestinationProvider {
  public PostgresqlDestinationProvider() {
    super(new PostgresqlDialect());
  }

  @Override
  public DestinationConfig example() {
    return new DestinationConfig(
        PostgresqlDialect.TYPE,
        "jdbc:postgresql://db:5432/crm",
        "dataexport",
        null,
        "export",
        null);
  }
}
