package io.dataexport.jdbc;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.DatabaseAccess;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What {@link JdbcDestination#validate} checks, stage by stage, stopping at the first stage with
 * problems: the configuration without connecting (the provider's {@link
 * JdbcDestinationProvider#check}, the very answer a profile got when it was created); what this
 * machine must offer ({@link SqlDialect#localProblems}, e.g. an SQLite file's directory); for a
 * database that does not exist yet, nothing more (preparation creates it); connecting; then the
 * dialect's checks of schema and privileges on the live database ({@link DatabaseAccess#problems}).
 * No problem shows the password; URLs are shown redacted.
 */
final class DestinationValidation {
  private final DestinationConfig config;
  private final JdbcDestinationProvider provider;
  private final ConnectionPool pool;

  DestinationValidation(
      DestinationConfig config, JdbcDestinationProvider provider, ConnectionPool pool) {
    this.config = config;
    this.provider = provider;
    this.pool = pool;
  }

  /**
   * @param tables the service's tables whose privileges matter where they exist already
   */
  List<Problem> problems(List<TableName> tables) {
    List<Problem> problems = provider.check(config);
    if (!problems.isEmpty()) {
      return problems;
    }
    SqlDialect dialect = provider.dialect();
    problems = dialect.localProblems(config);
    if (!problems.isEmpty() || !dialect.databaseExists(config)) {
      return SafeProblems.of(problems, config);
    }
    DatabaseAccess access = dialect.access();
    Connection connection;
    try {
      connection = pool.connection();
    } catch (SQLException e) {
      return SafeProblems.of(List.of(access.connectionProblem(config, e)), config);
    }
    try (connection) {
      return SafeProblems.of(access.problems(connection, config, tables), config);
    } catch (SQLException e) {
      return SafeProblems.of(
          List.of(
              new Problem(
                  "destination.jdbcUrl",
                  config.jdbcUrl(),
                  "connected, but checking the schema and the user's privileges failed: "
                      + e.getMessage()
                      + ". Check that the user may read the database's catalogue")),
          config);
    }
  }
}
