package io.dataexport.jdbc.dialect.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL the tests run against ({@code .ci/run} starts it), and the throwaway schemas and
 * roles each test makes in it. A test that needs PostgreSQL fails loudly when it is unreachable; it
 * never skips. Override with {@code -Ddataexport.test.postgresql.url=…}, {@code .user}, {@code
 * .password}.
 */
final class PostgresqlTestServer {
  static final String URL =
      System.getProperty("dataexport.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("dataexport.test.postgresql.user", "postgres");
  static final String PASSWORD = System.getProperty("dataexport.test.postgresql.password", "");

  private PostgresqlTestServer() {}

  /** A connection as the administrator. */
  static Connection admin() {
    return admin(URL);
  }

  /** The URL of another database on the same server, with the same parameters. */
  static String urlOf(String database) {
    return URL.replaceAll("/[^/?]+(\\?.*)?$", "/" + database + "$1");
  }

  /** A connection as the administrator to a database given by its URL. */
  static Connection admin(String url) {
    try {
      return DriverManager.getConnection(url, USER, PASSWORD);
    } catch (SQLException e) {
      throw new AssertionError(
          "PostgreSQL is not reachable at "
              + url
              + " as "
              + USER
              + " ("
              + e.getMessage()
              + "). Start it — bash .ci/run does — or point -Ddataexport.test.postgresql.url at"
              + " one.",
          e);
    }
  }

  /** A name no other test run uses: the prefix and 8 random hex digits. */
  static String uniqueName(String prefix) {
    return prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** Runs statements as the administrator. */
  static void execute(String... statements) {
    executeIn(URL, statements);
  }

  /** Runs statements as the administrator in the database of a URL. */
  static void executeIn(String url, String... statements) {
    try (Connection connection = admin(url);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL refused: " + e.getMessage(), e);
    }
  }

  /** Drops schemas with everything in them; missing ones are fine. */
  static void dropSchemas(String... schemas) {
    for (String schema : schemas) {
      execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
  }

  /** Drops a database, ending its sessions; a missing one is fine. */
  static void dropDatabase(String database) {
    execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
  }

  /** Drops a login role and what it owns; a missing one is fine. */
  static void dropRole(String role) {
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP OWNED BY \"" + role + "\" CASCADE");
    } catch (SQLException roleMissing) {
      // nothing owned, or no such role
    }
    execute("DROP ROLE IF EXISTS \"" + role + "\"");
  }
}
