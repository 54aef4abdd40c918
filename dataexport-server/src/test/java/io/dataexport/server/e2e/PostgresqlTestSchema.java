package io.dataexport.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A schema of its own in the test PostgreSQL ({@code .ci/run} starts it) for one test, dropped by
 * {@link #close()}, optionally owned by a role of the test's own; and the faults the resilience
 * tests inflict on it. The service's connections carry an application name of their own, so a test
 * terminates only them. Fails loudly when PostgreSQL is unreachable.
 */
final class PostgresqlTestSchema implements AutoCloseable {
  static final String URL =
      System.getProperty("dataexport.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("dataexport.test.postgresql.user", "postgres");
  static final String PASSWORD = System.getProperty("dataexport.test.postgresql.password", "");
  private static final Pattern SERVER_URL =
      Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?(/.*)");

  private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final String schema = "fault" + suffix;
  private final String applicationName = "dataexport-test-" + suffix;
  private String role;

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
    return destination(URL, USER, PASSWORD);
  }

  /**
   * As {@link #destination()}, but connecting to {@code port} of 127.0.0.1 (a {@link TcpProxy} in
   * front of the server) as {@code user}, without a password.
   */
  ObjectNode destinationThrough(int port, String user) {
    Matcher url = SERVER_URL.matcher(URL);
    if (!url.matches()) {
      throw new AssertionError("cannot tell the server of " + URL + " to put a proxy in front");
    }
    return destination("jdbc:postgresql://127.0.0.1:" + port + url.group(3), user, "");
  }

  private ObjectNode destination(String url, String user, String password) {
    ObjectNode destination = new ObjectMapper().createObjectNode();
    destination.put("type", "postgresql");
    destination.put(
        "jdbcUrl",
        url
            + (url.contains("?") ? "&" : "?")
            + "ApplicationName="
            + applicationName
            + "&options=-c%20lock_timeout%3D1000");
    destination.put("username", user);
    if (!password.isEmpty()) {
      destination.put("password", password);
    }
    destination.put("schema", schema);
    return destination;
  }

  /** The server's address, as the URL names it (5432 when it names no port). */
  InetSocketAddress server() {
    Matcher url = SERVER_URL.matcher(URL);
    if (!url.matches()) {
      throw new AssertionError("cannot tell the server of " + URL);
    }
    return new InetSocketAddress(
        url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
  }

  /**
   * Creates a login role of this test's own and this schema, owned by it, so the service may do
   * everything there as that role; {@link #close()} drops both.
   *
   * @return the role's name
   */
  String createOwnerRole() throws SQLException {
    role = "dataexport_test_" + suffix;
    execute("CREATE ROLE \"" + role + "\" LOGIN");
    execute("CREATE SCHEMA \"" + schema + "\" AUTHORIZATION \"" + role + "\"");
    return role;
  }

  /**
   * Lets the role of {@link #createOwnerRole()} log in, or not (its other privileges stay; sessions
   * already open stay open).
   */
  void allowLogin(boolean allowed) throws SQLException {
    execute("ALTER ROLE \"" + role + "\" " + (allowed ? "LOGIN" : "NOLOGIN"));
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

  /**
   * The ids of a table's rows, read in the connection's transaction by {@code SELECT "Id" FROM
   * table} and the given tail (ordering, limit, {@code FOR UPDATE}).
   */
  List<UUID> ids(Connection connection, String table, String tail) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT \"Id\" FROM " + table(table) + " " + tail)) {
      while (rows.next()) {
        ids.add(rows.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  /** Runs one statement as the test. */
  void execute(String sql) throws SQLException {
    executeAsTest(sql);
  }

  /** Runs one statement as the test, outside any test schema (e.g. to make another schema). */
  static void executeAsTest(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
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
    if (role != null) {
      execute("DROP ROLE IF EXISTS \"" + role + "\"");
    }
  }
}
