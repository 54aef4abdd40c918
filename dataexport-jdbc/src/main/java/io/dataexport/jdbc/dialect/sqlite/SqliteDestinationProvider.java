package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.JdbcDestinationProvider;

/** Registers the general SQL destination for {@code destination.type = sqlite}. */
public final class SqliteDestinationProvider extends JdbcDestinationProvider {
  public SqliteDestinationProvider() {
    super(SqliteDialect.TYPE);
  }
}
