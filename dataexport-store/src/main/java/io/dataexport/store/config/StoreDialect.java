package io.dataexport.store.config;

import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the databases the config store runs on: SQLite (embedded, one node) and
 * PostgreSQL (shared by the nodes of a cluster). Everything else is the same SQL.
 */
enum StoreDialect {
  SQLITE("jdbc:sqlite:", "sqlite") {
    @Override
    String greatest(String left, String right) {
      // SQLite's two-argument MAX() is NULL when either side is; COALESCE keeps whichever exists.
      return "COALESCE(MAX(" + left + ", " + right + "), " + left + ", " + right + ")";
    }

    @Override
    String nowMicros() {
      return "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)";
    }

    @Override
    String lockForShare() {
      // SQLite has no row locks and needs none here: it has one writer at a time, and a
      // transaction that read and then writes fails (SQLITE_BUSY_SNAPSHOT) when another
      // connection wrote in between, so what it read cannot change under its write unnoticed.
      return "";
    }

    @Override
    boolean sharedByNodes() {
      return false;
    }

    @Override
    String lockAgainstDelete() {
      return "";
    }
  },
  POSTGRESQL("jdbc:postgresql:", "postgresql") {
    @Override
    String greatest(String left, String right) {
      return "GREATEST(" + left + ", " + right + ")"; // ignores NULLs
    }

    @Override
    String nowMicros() {
      return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)";
    }

    @Override
    String lockForShare() {
      return " FOR SHARE";
    }

    @Override
    boolean sharedByNodes() {
      return true;
    }

    @Override
    String lockAgainstDelete() {
      // conflicts with DELETE (and key updates) only: the holder's own non-key updates proceed
      return " FOR KEY SHARE";
    }
  };

  private final String urlPrefix;
  private final String migrations;

  StoreDialect(String urlPrefix, String folder) {
    this.urlPrefix = urlPrefix;
    this.migrations = "classpath:db/migration/config/" + folder;
  }

  /** The dialect of a JDBC URL, or null when the store does not run on that database. */
  static StoreDialect of(String url) {
    for (StoreDialect dialect : values()) {
      if (url.toLowerCase(Locale.ROOT).startsWith(dialect.urlPrefix)) {
        return dialect;
      }
    }
    return null;
  }

  /** The Flyway location of this database's migrations. */
  String migrations() {
    return migrations;
  }

  /** The larger of two expressions, ignoring a NULL one. */
  abstract String greatest(String left, String right);

  /** The database's clock now, in microseconds since the epoch: the one clock all nodes share. */
  abstract String nowMicros();

  /**
   * What ends a SELECT so that the rows it read cannot be changed by another transaction until this
   * one ends (and a row changed meanwhile is read as committed): empty where the database
   * serialises writers anyway.
   */
  abstract String lockForShare();

  /** Whether the nodes of a cluster share the database (else one node has it to itself). */
  abstract boolean sharedByNodes();

  /**
   * What ends a SELECT so that the rows it read cannot be deleted by another transaction until this
   * one ends; empty where one node has the database to itself.
   */
  abstract String lockAgainstDelete();

  /** Whether a statement failed on a unique constraint (SQLSTATE 23505 or SQLite's code). */
  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState())
        || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"));
  }
}
