package io.dataexport.jdbc.dialect.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MariaDB the tests run against ({@code .ci/run} starts it), and the throwaway databases and
 * users each test makes in it. A test that needs MariaDB fails loudly when it is unreachable; it
 * never skips. Override with {@code -Ddataexport.test.mariadb.url=…} (a server URL ending in {@code
 * /}), {@code .user}, {@code .password}.
 */
final class MariadbTestServer {
  static final String SERVER_URL =
      System.getProperty("dataexport.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
  static final String USER = System.getProperty("dataexport.test.mariadb.user", "root");
  static final String PASSWORD = System.getProperty("dataexport.test.mariadb.password", "");

  private MariadbTestServer() {}

  /** The URL of one database on the server. */
  static String url(String database) {
    return SERVER_URL + database;
  }

  /** A connection as the administrator, without a current database. */
  static Connection admin() {
    try {
      return DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
    } catch (SQLException e) {
      throw new AssertionError(
          "MariaDB is not reachable at "
              + SERVER_URL
              + " as "
              + USER
              + " ("
              + e.getMessage()
              + "). Start it — bash .ci/run does — or point -Ddataexport.test.mariadb.url at one.",
          e);
    }
  }

  /** A name no other test run uses: the prefix and 8 random hex digits. */
  static String uniqueName(String prefix) {
    return prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** Runs statements as the administrator. */
  static void execute(String... statements) {
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new AssertionError("MariaDB refused: " + e.getMessage(), e);
    }
  }

  /** Drops databases with everything in them; missing ones are fine. */
  static void dropDatabases(String... databases) {
    for (String database : databases) {
      execute("DROP DATABASE IF EXISTS `" + database + "`");
    }
  }
}
