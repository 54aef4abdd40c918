package io.dataexport.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The end-to-end scenario into a real MariaDB ({@code .ci/run} starts it), in a database of its own
 * that the test creates and drops. Fails loudly when MariaDB is unreachable.
 */
class MariadbEndToEndTest extends DatabaseEndToEndScenario {
  private static final String SERVER_URL =
      System.getProperty("dataexport.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
  private static final String USER = System.getProperty("dataexport.test.mariadb.user", "root");
  private static final String PASSWORD = System.getProperty("dataexport.test.mariadb.password", "");

  private final String databaseName =
      "e2e" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  @BeforeEach
  void createDatabase() {
    execute("CREATE DATABASE `" + databaseName + "`");
  }

  @AfterEach
  void dropDatabase() {
    execute("DROP DATABASE IF EXISTS `" + databaseName + "`");
  }

  @Override
  protected ObjectNode destination() {
    ObjectNode destination = new ObjectMapper().createObjectNode();
    destination.put("type", "mysql");
    destination.put("jdbcUrl", SERVER_URL + databaseName);
    destination.put("username", USER);
    if (!PASSWORD.isEmpty()) {
      destination.put("password", PASSWORD);
    }
    return destination;
  }

  @Override
  protected DestinationDatabase database() {
    return new DestinationDatabase(
        SERVER_URL + databaseName, USER, PASSWORD, null, "``", MariadbEndToEndTest::read);
  }

  /** DATETIME columns hold UTC wall-clock time; read them without the JVM's time zone. */
  private static Object read(ResultSet row, int column) throws SQLException {
    return row.getMetaData().getColumnType(column) == Types.TIMESTAMP
        ? row.getObject(column, LocalDateTime.class)
        : row.getObject(column);
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(
          "MariaDB is not reachable at "
              + SERVER_URL
              + " or refused '"
              + sql
              + "' ("
              + e.getMessage()
              + "). Start it — bash .ci/run does — or set -Ddataexport.test.mariadb.url.",
          e);
    }
  }
}
