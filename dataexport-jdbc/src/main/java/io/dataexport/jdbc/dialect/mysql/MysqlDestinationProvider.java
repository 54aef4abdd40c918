package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.JdbcDestinationProvider;

/**
 * {@code destination.type = mysql}, MySQL and MariaDB: the SQL destination on {@link MysqlDialect}.
 */
public final class MysqlDestinationProvider extends JdbcDestinationProvider {
  public MysqlDestinationProvider() {
    super(new MysqlDialect());
  }

  @Override
  public DestinationConfig example() {
    return new DestinationConfig(
        MysqlDialect.TYPE, "jdbc:mysql://db:3306/crm", "dataexport", null, null, null);
  }
}
