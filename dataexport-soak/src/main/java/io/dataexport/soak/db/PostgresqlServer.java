package io.dataexport.soak.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL server the rounds export into, as the harness reaches it.
 *
 * @param url a JDBC URL of a database the harness may create schemas in
 * @param user a user who may create schemas
 * @param password empty for none (trust)
 */
public record PostgresqlServer(String url, String user, String password) {

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /**
   * Fails with what to do when the server does not answer.
   *
   * @throws IllegalStateException naming the URL, the driver's message and the options to fix it
   */
  public void requireReachable() {
    try (Connection connection = connect()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is not reachable at "
              + url
              + " as "
              + user
              + " ("
              + e.getMessage()
              + "). Start it (bash .ci/run does), or point --postgresql-url, --postgresql-user"
              + " and --postgresql-password at one.",
          e);
    }
  }

  /** Creates a fresh schema for a round. */
  public RoundSchema createSchema(String name) throws SQLException {
    execute("CREATE SCHEMA \"" + name + "\"");
    return new RoundSchema(this, name);
  }

  void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Waits until the server accepts connections again, e.g. after a restart. */
  public void awaitReachable(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Connection connection = connect()) {
        if (connection.isValid(5)) {
          return;
        }
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "PostgreSQL at " + url + " did not come back within " + timeout.toSeconds() + " s",
              e);
        }
      }
      Thread.sleep(200);
    }
  }
}
