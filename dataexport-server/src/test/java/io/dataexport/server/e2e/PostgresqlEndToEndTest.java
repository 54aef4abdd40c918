package io.dataexport.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The end-to-end scenario into a real PostgreSQL ({@code .ci/run} starts it), in a schema of its
 * own that the service creates and the test drops. Fails loudly when PostgreSQL is unreachable.
 */
class PostgresqlEndToEndTest extends DatabaseEndToEndScenario {
  private static final String URL =
      System.getProperty("dataexport.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER =
      System.getProperty("dataexport.test.postgresql.user", "postgres");
  private static final String PASSWORD =
      System.getProperty("dataexport.test.postgresql.password", "");

  private final String schema =
      "e2e" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  @BeforeEach
  void requirePostgresql() {
    try (Connection connection = database().connect()) {
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

  @AfterEach
  void dropSchema() throws SQLException {
    try (Connection connection = database().connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
  }

  @Override
  protected ObjectNode destination() {
    ObjectNode destination = new ObjectMapper().createObjectNode();
    destination.put("type", "postgresql");
    destination.put("jdbcUrl", URL);
    destination.put("username", USER);
    if (!PASSWORD.isEmpty()) {
      destination.put("password", PASSWORD);
    }
    destination.put("schema", schema);
    return destination;
  }

  @Override
  protected DestinationDatabase database() {
    return new DestinationDatabase(URL, USER, PASSWORD, schema, "\"\"", ResultSet::getObject);
  }
}
