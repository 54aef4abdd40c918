package io.dataexport.store.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the store's SQLite file: brings its schema up to date with the Flyway migrations in {@code
 * db/migration/config} and hands out the one connection the store uses.
 *
 * <p>WAL journal (readers do not block the writer), {@code synchronous=FULL} (a committed change
 * survives a power loss: a created profile must not vanish), a busy timeout for the rare moment
 * another process (a backup, the sqlite3 shell) holds the file, and enforced foreign keys.
 */
final class ConfigDatabase {
  static final String MIGRATIONS = "classpath:db/migration/config";
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private ConfigDatabase() {}

  /**
   * Migrates the database in {@code file} (creating it) and opens a connection without auto-commit.
   *
   * @throws IllegalStateException when the schema cannot be migrated (for instance because a newer
   *     version of the service wrote it)
   */
  static Connection open(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      Flyway.configure(ConfigDatabase.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "Cannot bring the config store "
              + file
              + " up to date: "
              + e.getMessage()
              + " If a newer version of the service wrote it, run that version.",
          e);
    }
    Connection connection = dataSource.getConnection();
    connection.setAutoCommit(false);
    return connection;
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

  static void setMetadata(Connection connection, String name, byte[] value) throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO store_metadata (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
      upsert.setString(1, name);
      upsert.setBytes(2, value);
      upsert.executeUpdate();
    }
  }
}
