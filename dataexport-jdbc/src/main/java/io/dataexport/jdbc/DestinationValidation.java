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
 * problems: the configuration without connecting ({@link DestinationConfigCheck}); for a database
 * that does not exist yet (an SQLite file), whether preparation can create it; connecting; then the
 * dialect's checks of schema and privileges on the live database ({@link DatabaseAccess#problems}).
 * No problem shows the password; URLs are shown redacted.
 */
final class DestinationValidation {
  private final DestinationConfig config;
  private final SqlDialect dialect;
  private final ConnectionPool pool;

  DestinationValidation(DestinationConfig config, SqlDialect dialect, ConnectionPool pool) {
    this.config = config;
    this.dialect = dialect;
    this.pool = pool;
  }

  /**
   * @param tables the service's tables whose privileges matter where they exist already
   */
  List<Problem> problems(List<TableName> tables) {
    List<Problem> problems = DestinationConfigCheck.problems(config, dialect);
    if (!problems.isEmpty()) {
      return problems;
    }
    if (!dialect.databaseExists(config)) {
      return safe(dialect.creationProblems(config));
    }
    DatabaseAccess access = dialect.access();
    Connection connection;
    try {
      connection = pool.connection();
    } catch (SQLException e) {
      return safe(List.of(access.connectionProblem(config, e)));
    }
    try (connection) {
      return safe(access.problems(connection, config, tables));
    } catch (SQLException e) {
      return safe(
          List.of(
              new Problem(
                  "destination.jdbcUrl",
                  config.jdbcUrl(),
                  "connected, but checking the schema and the user's privileges failed: "
                      + e.getMessage()
                      + ". Check that the user may read the database's catalogue")));
    }
  }

  private List<Problem> safe(List<Problem> problems) {
    return problems.stream()
        .map(
            p ->
                new Problem(
                    p.field(),
                    p.field().equals("destination.jdbcUrl")
                        ? JdbcUrls.redact(hideSecret(p.value()))
                        : hideSecret(p.value()),
                    hideSecret(p.message())))
        .toList();
  }

  private String hideSecret(String text) {
    if (text == null || config.password() == null || config.password().isEmpty()) {
      return text;
    }
    return text.replace(config.password().reveal(), "****");
  }
}
