package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.jdbc.JdbcDestinationProvider;

/** Registers the general SQL destination for {@code destination.type = mysql} (and MariaDB). */
public final class MysqlDestinationProvider extends JdbcDestinationProvider {
  public MysqlDestinationProvider() {
    super(MysqlDialect.TYPE);
  }
}
