package io.dataexport.server.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where an end-to-end test reads the destination back: a JDBC URL with credentials, the schema and
 * quote characters the tables are named with, and how the driver's values are read.
 *
 * @param jdbcUrl the URL to read with
 * @param user user name, or null
 * @param password password, or null
 * @param schema the schema qualifying table names, or null
 * @param quotes the opening and closing quote of identifiers, e.g. {@code ""} or {@code ``}
 * @param reader how a column's value is read
 */
record DestinationDatabase(
    String jdbcUrl,
    String user,
    String password,
    String schema,
    String quotes,
    DestinationComparison.ColumnReader reader) {

  /** An SQLite file, as the existing end-to-end tests use. */
  static DestinationDatabase sqlite(Path file) {
    return new DestinationDatabase(
        "jdbc:sqlite:" + file.toAbsolutePath(), null, null, null, "\"\"", ResultSet::getObject);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** A quoted identifier. */
  String quote(String identifier) {
    return quotes.charAt(0) + identifier + quotes.charAt(1);
  }

  /** A quoted, schema-qualified table name. */
  String table(String name) {
    return schema == null ? quote(name) : quote(schema) + "." + quote(name);
  }
}
