package io.dataexport.store.config;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shared store on the real PostgreSQL ({@code .ci/run} starts it), in a schema of its own that
 * {@link #close} drops, with a key given as {@code store.encryptionKey} would give it. Fails
 * loudly, never skips, when PostgreSQL is unreachable. Override the server with {@code
 * -Ddataexport.test.postgresql.url=…}, {@code .user}, {@code .password}.
 */
final class PostgresqlStoreFixture implements StoreFixture {
  static final String URL =
      System.getProperty("dataexport.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("dataexport.test.postgresql.user", "postgres");
  static final String PASSWORD = System.getProperty("dataexport.test.postgresql.password", "");

  private final String schema =
      "store_kit_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final byte[] key = new byte[32];
  private final Path dataDirectory;

  /**
   * @param dataDirectory the node's data directory (nothing of the store goes there)
   */
  PostgresqlStoreFixture(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    new SecureRandom().nextBytes(key);
    execute("CREATE SCHEMA \"" + schema + "\"");
  }

  /** The location of the store: its own schema through {@code currentSchema}. */
  StoreLocation location() {
    return location(key);
  }

  StoreLocation location(byte[] encryptionKey) {
    String separator = URL.contains("?") ? "&" : "?";
    return new StoreLocation(
        URL + separator + "currentSchema=" + schema, USER, PASSWORD, encryptionKey);
  }

  @Override
  public JdbcConfigStore open() {
    return JdbcConfigStore.open(location(), dataDirectory);
  }

  @Override
  public List<String> appliedMigrations() {
    return query(
        "SELECT version FROM \""
            + schema
            + "\".flyway_schema_history WHERE success"
            + " ORDER BY installed_rank");
  }

  @Override
  public String rawContent() {
    StringBuilder raw = new StringBuilder();
    for (String table : tables()) {
      raw.append(
          String.join("\n", query("SELECT t::text FROM \"" + schema + "\".\"" + table + "\" t")));
    }
    return raw.toString();
  }

  /** The tables in the store's schema. */
  List<String> tables() {
    return query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
            + schema
            + "' ORDER BY table_name");
  }

  /** Runs a statement in the store's schema (to set up what a test needs there). */
  void executeInStore(String sql) {
    try (Connection connection = DriverManager.getConnection(location().url(), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs a query in the store's schema; the first column of each row. */
  List<String> queryInStore(String sql) {
    try {
      return query(DriverManager.getConnection(location().url(), USER, PASSWORD), sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL is not reachable: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
  }

  static Connection connect() {
    try {
      return DriverManager.getConnection(URL, USER, PASSWORD);
    } catch (SQLException e) {
      throw new AssertionError(
          "PostgreSQL is not reachable at "
              + URL
              + " as "
              + USER
              + " ("
              + e.getMessage()
              + "). Start it — bash .ci/run does — or point -Ddataexport.test.postgresql.url at"
              + " one.",
          e);
    }
  }

  private static void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
    }
  }

  private static List<String> query(String sql) {
    return query(connect(), sql);
  }

  /** The first column of each row of a query on {@code connection}, which it closes. */
  private static List<String> query(Connection connection, String sql) {
    try (connection;
        PreparedStatement select = connection.prepareStatement(sql);
        ResultSet row = select.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (row.next()) {
        values.add(row.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
    }
  }
}
