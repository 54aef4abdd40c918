package io.dataexport.jdbc;

import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.SqlDialect;
import java.time.Clock;
import java.util.List;

/**
 * The provider of the general SQL destination for one dialect. Each dialect package has one
 * subclass (e.g. {@code SqliteDestinationProvider}), listed in {@code
 * META-INF/services/io.dataexport.api.destination.DestinationProvider}, which hands its dialect to
 * this constructor and supplies its example (and, when the type needs no settings, its default
 * configuration). The type's name is the dialect's.
 */
public abstract class JdbcDestinationProvider implements DestinationProvider {
  private final SqlDialect dialect;

  protected JdbcDestinationProvider(SqlDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public final String type() {
    return dialect.type();
  }

  /** The general rules of {@link DestinationConfigCheck}, then the dialect's; URLs redacted. */
  @Override
  public final List<Problem> check(DestinationConfig config) {
    return SafeProblems.of(DestinationConfigCheck.problems(config, dialect, example()), config);
  }

  @Override
  public final JdbcDestination open(DestinationConfig config) {
    return open(config, Clock.systemUTC());
  }

  /**
   * Opens a destination whose write times come from {@code clock}; connects on first use.
   *
   * @throws ConfigurationException when the configuration names another type
   */
  @Override
  public final JdbcDestination open(DestinationConfig config, Clock clock) {
    if (config.type() != null && !config.type().equalsIgnoreCase(type())) {
      throw new ConfigurationException(
          "destination.type is '" + config.type() + "' but this provider opens '" + type() + "'");
    }
    return new JdbcDestination(config, this, clock);
  }

  SqlDialect dialect() {
    return dialect;
  }
}
