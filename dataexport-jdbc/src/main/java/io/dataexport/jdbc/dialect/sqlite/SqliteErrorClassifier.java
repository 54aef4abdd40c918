package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.dialect.SqlErrorClassifier;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import java.sql.SQLException;
import java.util.Locale;
import org.sqlite.SQLiteException;

/**
 * SQLite's primary result codes (<a href="https://sqlite.org/rescode.html">sqlite.org/rescode</a>);
 * extended codes such as {@code SQLITE_BUSY_SNAPSHOT} fall under their primary code.
 */
final class SqliteErrorClassifier implements SqlErrorClassifier {

  @Override
  public SqlFailureKind classify(SQLException exception) {
    if (!(exception instanceof SQLiteException)) {
      return null;
    }
    int primary = exception.getErrorCode() & 0xff;
    return switch (primary) {
      // BUSY, LOCKED, INTERRUPT, PROTOCOL, SCHEMA (changed under us)
      case 5, 6, 9, 15, 17 -> SqlFailureKind.RETRIABLE;
      // NOMEM, IOERR, FULL (the disk)
      case 7, 10, 13 -> SqlFailureKind.UNAVAILABLE;
      // TOOBIG, CONSTRAINT, MISMATCH, RANGE
      case 18, 19, 20, 25 -> SqlFailureKind.PERMANENT;
      // PERM, READONLY, CORRUPT, CANTOPEN, AUTH, NOTADB
      case 3, 8, 11, 14, 23, 26 -> SqlFailureKind.CONFIGURATION;
      case 1 -> missingObject(exception) ? SqlFailureKind.CONFIGURATION : null;
      default -> null;
    };
  }

  /** SQLITE_ERROR covers many things; a missing table or column means prepare was not run. */
  private static boolean missingObject(SQLException exception) {
    String message = String.valueOf(exception.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("no such table")
        || message.contains("no such column")
        || message.contains("has no column named");
  }
}
