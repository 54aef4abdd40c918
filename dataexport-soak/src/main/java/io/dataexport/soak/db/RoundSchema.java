package io.dataexport.soak.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.jdbc.schema.DesTableNames;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The schema one round exports into: created before the round, dropped after a passing one and kept
 * (for a look) after a failing one.
 *
 * @param server where it lives
 * @param name the schema's name
 */
public record RoundSchema(PostgresqlServer server, String name) {

  /** The profile's {@code destination} block. */
  public ObjectNode destination() {
    ObjectNode destination = new ObjectMapper().createObjectNode();
    destination.put("type", "postgresql");
    destination.put("jdbcUrl", server.url());
    destination.put("username", server.user());
    if (!server.password().isEmpty()) {
      destination.put("password", server.password());
    }
    destination.put("schema", name);
    return destination;
  }

  public Connection connect() throws SQLException {
    return server.connect();
  }

  /** A table of this schema, quoted and qualified. */
  public String table(String table) {
    return quote(name) + "." + quote(table);
  }

  /** The DES {@code DeleteLog} of this schema (the profile has no table prefix). */
  public String deleteLog() {
    return table(DesTableNames.DELETE_LOG);
  }

  /** A quoted identifier: the service quotes every name, so their case is kept. */
  public static String quote(String identifier) {
    return "\"" + identifier + "\"";
  }

  /** Drops the schema and everything in it. */
  public void drop() throws SQLException {
    server.execute("DROP SCHEMA IF EXISTS " + quote(name) + " CASCADE");
  }
}
