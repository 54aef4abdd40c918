package io.dataexport.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A schema of its own in the test PostgreSQL ({@code .ci/run} starts it) for one test, dropped by
 * {@link #close()}; and the faults the resilience tests inflict on it. The service's connections
 * carry an application name of their own, so a test terminates only them. Fails loudly when
 * PostgreSQL is unreachable.
 */
final class PostgresqlTestSchema implements AutoCloseable {
  static final String URL =
      System.getProperty("dataexport.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("dataexport.test.postgresql.user", "postgres");
  static final String PASSWORD = System.getProperty("dataexport.test.postgresql.password", "");

  private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final String schema = "fault" + suffix;
  private final String applicationName = "dataexport-test-" + suffix;

  /** Checks that PostgreSQL answers; fails the test with what to do when it does not. */
  PostgresqlTestSchema() {
    try (Connection connection = admin()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw new AssertionError(
          "PostgreSQL is not reachable at "
              + URL
              + " ("
              + e.getMessage()
              + "). Start it — bash .ci/run does — or set -Ddataexport.test.postgresql.url.",
          e);
    }
  }

  String schema() {
    return schema;
  }

  /**
   * The profile's {@code destination} block: this schema, the service's connections named so that
   * they can be told apart, and a lock timeout of one second so a locked table fails a statement
   * quickly (as a statement timeout would).
   */
  ObjectNode destination() {
    ObjectNode destination = new ObjectMapper().createObjectNode();
    destination.put("type", "postgresql");
    destination.put(
        "jdbcUrl",
        URL
            + (URL.contains("?") ? "&" : "?")
            + "ApplicationName="
            + applicationName
            + "&options=-c%20lock_timeout%3D1000");
    destination.put("username", USER);
    if (!PASSWORD.isEmpty()) {
      destination.put("password", PASSWORD);
    }
    destination.put("schema", schema);
    return destination;
  }

  /** How the end-to-end comparison reads the schema back. */
  DestinationDatabase database() {
    return new DestinationDatabase(URL, USER, PASSWORD, schema, "\"\"", ResultSet::getObject);
  }

  /** A connection of the test itself (not the service's). */
  Connection admin() throws SQLException {
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  /** The schema-qualified, quoted name of a table. */
  String table(String name) {
    return "\"" + schema + "\".\"" + name + "\"";
  }

  /** Runs one statement as the test. */
  void execute(String sql) throws SQLException {
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Terminates every connection the service holds to PostgreSQL, whatever it is doing.
   *
   * @return how many were terminated
   */
  int terminateServiceConnections() throws SQLException {
    try (Connection connection = admin();
        PreparedStatement kill =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      kill.setString(1, applicationName);
      int killed = 0;
      try (ResultSet rows = kill.executeQuery()) {
        while (rows.next()) {
          killed += rows.getBoolean(1) ? 1 : 0;
        }
      }
      return killed;
    }
  }

  /**
   * Restarts the PostgreSQL cluster with {@code pg_ctlcluster} and waits until it accepts
   * connections again.
   */
  void restartServer() throws Exception {
    String version;
    try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
      version =
          versions
              .map(p -> p.getFileName().toString())
              .sorted()
              .findFirst()
              .orElseThrow(() -> new AssertionError("no cluster under /etc/postgresql"));
    } catch (IOException e) {
      throw new AssertionError(
          "Cannot restart PostgreSQL: /etc/postgresql cannot be read (" + e + ").", e);
    }
    Process restart =
        new ProcessBuilder(
                List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"))
            .redirectErrorStream(true)
            .start();
    if (!restart.waitFor(90, TimeUnit.SECONDS)) {
      restart.destroyForcibly();
      throw new AssertionError("pg_ctlcluster restart did not finish within 90 s");
    }
    String output = new String(restart.getInputStream().readAllBytes());
    if (restart.exitValue() != 0) {
      throw new AssertionError("pg_ctlcluster restart failed: " + output);
    }
    awaitReachable(Duration.ofSeconds(60));
  }

  private void awaitReachable(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Connection connection = admin()) {
        if (connection.isValid(5)) {
          return;
        }
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("PostgreSQL did not come back within " + timeout, e);
        }
      }
      Thread.sleep(200);
    }
  }

  @Override
  public void close() throws SQLException {
    execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
  }
}
