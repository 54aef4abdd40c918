package io.dataexport.store.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the store's database: brings its schema up to date with the Flyway migrations of its
 * dialect ({@code db/migration/config/sqlite} or {@code …/postgresql}; Flyway locks the schema
 * history, so nodes starting together migrate once) and hands out its transactions.
 *
 * <p>SQLite: WAL journal (readers do not block the writer), {@code synchronous=FULL} (a committed
 * change survives a power loss: a created profile must not vanish), a busy timeout for the rare
 * moment another process (a backup, the sqlite3 shell) holds the file, enforced foreign keys, and
 * one connection. PostgreSQL: a small connection pool.
 */
final class ConfigDatabase {
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  /** The store's tables, dependants first: what {@link #dropAll} removes. */
  private static final List<String> TABLES =
      List.of(
          "cluster_node",
          "api_key",
          "audit_log",
          "lease",
          "failure_resync",
          "failure_log",
          "parked",
          "entity_sync_state",
          "profile",
          "store_metadata",
          "flyway_schema_history");

  private ConfigDatabase() {}

  /**
   * Migrates the database (creating a SQLite file) and opens its transactions.
   *
   * @throws IllegalStateException when the schema cannot be migrated (for instance because a newer
   *     version of the service wrote it)
   */
  static Transactions open(StoreLocation location) throws SQLException {
    return switch (location.dialect()) {
      case SQLITE -> openSqlite(location.sqliteFile());
      case POSTGRESQL -> openPooled(location);
    };
  }

  private static Transactions openSqlite(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    migrate(dataSource, StoreDialect.SQLITE, file.toString());
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    return new SerializedConnection(file, connection);
  }

  private static Transactions openPooled(StoreLocation location) {
    PooledTransactions pool =
        PooledTransactions.open(location.url(), location.username(), location.password());
    try {
      migrate(pool.dataSource(), StoreDialect.POSTGRESQL, location.redactedUrl());
      return pool;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static void migrate(DataSource dataSource, StoreDialect dialect, String where) {
    try {
      Flyway.configure(ConfigDatabase.class.getClassLoader())
          .dataSource(dataSource)
          .locations(dialect.migrations())
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "Cannot bring the config store "
              + where
              + " up to date: "
              + e.getMessage()
              + " If a newer version of the service wrote it, run that version.",
          e);
    }
  }

  /** A value of the store's own metadata (not profile data), if set. */
  static Optional<byte[]> metadata(Connection connection, String name) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT value FROM store_metadata WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
      }
    }
  }

  /**
   * Sets a metadata value unless one is set (nodes opening a new store together agree on the first
   * one written), and returns the value that holds.
   */
  static byte[] initMetadata(Connection connection, String name, byte[] value) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO store_metadata (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO NOTHING")) {
      insert.setString(1, name);
      insert.setBytes(2, value);
      insert.executeUpdate();
    }
    return metadata(connection, name).orElseThrow();
  }

  /** Drops every table of the store, its schema history included. */
  static void dropAll(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }
}
