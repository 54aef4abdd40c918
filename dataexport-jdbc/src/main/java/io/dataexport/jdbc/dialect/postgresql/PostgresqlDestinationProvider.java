package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.JdbcDestinationProvider;

/** Registers the general SQL destination for {@code destination.type = postgresql}. */
public final class PostgresqlDestinationProvider extends JdbcDestinationProvider {
  public PostgresqlDestinationProvider() {
    super(PostgresqlDialect.TYPE);
  }
}
