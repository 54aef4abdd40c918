package io.dataexport.bench.db;

import io.dataexport.api.profile.DestinationConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A database server the benchmarks write into, in a schema (MySQL: a database) of their own that
 * {@link #close} drops again. Also knows the reference loads of its database: the plain ways to put
 * rows into a table, which the writer's rate is compared with.
 */
public interface BenchDatabase extends AutoCloseable {

  /** The server and version, e.g. {@code PostgreSQL 15.20}. */
  String product();

  /** A destination configuration writing into this benchmark's schema with the table prefix. */
  DestinationConfig destination(String tablePrefix);

  /** A plain connection to the server, in auto-commit mode. */
  Connection connect() throws SQLException;

  /** The quoted, schema-qualified name of a table of this benchmark. */
  String qualified(String table);

  /** Flushes what earlier phases left dirty (PostgreSQL: {@code CHECKPOINT}) before a timing. */
  void settle() throws SQLException;

  /**
   * The plain loads the writer is compared with; the first is the one the targets refer to (the
   * issue's "physical limit"), the others are shown for comparison.
   */
  List<ReferenceLoad> references();

  /** Row count of a table. */
  default long count(String table) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified(table))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Drops the benchmark's schema. */
  @Override
  void close();
}
