package io.dataexport.jdbc;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.SqlDialects;
import java.time.Clock;

/**
 * Opens the general SQL destination for one {@code destination.type}; the dialect is found once,
 * through {@link SqlDialects}. {@link DestinationProvider#type()} names one type, so each dialect
 * package registers a two-line subclass (e.g. {@code SqliteDestinationProvider}) in {@code
 * META-INF/services/io.dataexport.api.destination.DestinationProvider}.
 */
public class JdbcDestinationProvider implements DestinationProvider {
  private final String type;

  protected JdbcDestinationProvider(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Destination open(DestinationConfig config) {
    return open(config, Clock.systemUTC());
  }

  /**
   * Opens a destination whose write times come from {@code clock}.
   *
   * @throws ConfigurationException when the configuration names another type, or no dialect serves
   *     this one
   */
  public JdbcDestination open(DestinationConfig config, Clock clock) {
    if (config.type() != null && !config.type().equalsIgnoreCase(type)) {
      throw new ConfigurationException(
          "destination.type is '" + config.type() + "' but this provider opens '" + type + "'");
    }
    SqlDialect dialect = SqlDialects.forType(type);
    return new JdbcDestination(config, dialect, clock);
  }
}
