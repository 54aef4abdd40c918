package io.dataexport.jdbc;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.jdbc.dialect.SqlErrorClassifier;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import io.dataexport.jdbc.dialect.SqlStateClassifier;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns a driver's {@link SQLException} into the service's exception kinds: the dialect's
 * classifier first, then the general SQLSTATE rules, along the exception's causes and next
 * exceptions; an error nobody recognises is taken as permanent (the batch is split and the records
 * isolated, rather than retried unchanged).
 */
final class SqlFailures {
  private static final SqlErrorClassifier GENERAL = new SqlStateClassifier();

  private final SqlErrorClassifier dialect;

  SqlFailures(SqlErrorClassifier dialect) {
    this.dialect = dialect;
  }

  /** The kind of a failure. */
  SqlFailureKind classify(SQLException exception) {
    for (SqlErrorClassifier classifier : new SqlErrorClassifier[] {dialect, GENERAL}) {
      Set<Throwable> seen = new HashSet<>();
      Throwable current = exception;
      while (current != null && seen.add(current)) {
        if (current instanceof SQLException sql) {
          SqlFailureKind kind = classifier.classify(sql);
          if (kind != null) {
            return kind;
          }
          current = sql.getNextException() != null ? sql.getNextException() : sql.getCause();
        } else {
          current = current.getCause();
        }
      }
    }
    return SqlFailureKind.PERMANENT;
  }

  /**
   * The exception to throw.
   *
   * @param context what was being done, e.g. "Applying 12 notifications of account to
   *     sales_account"
   * @param permanentAdvice what to do about a permanent failure
   */
  DataExportException translate(SQLException exception, String context, String permanentAdvice) {
    String message = context + " failed: " + exception.getMessage();
    return switch (classify(exception)) {
      case UNAVAILABLE ->
          new UnavailableException(
              message + ". Nothing was committed; the database takes nothing now, try again later.",
              exception);
      case RETRIABLE ->
          new RetriableException(message + ". Nothing was committed; try again.", exception);
      case PERMANENT -> new PermanentException(message + ". " + permanentAdvice, exception);
      case CONFIGURATION ->
          new ConfigurationException(
              message + ". Check the destination's tables and the user's privileges.", exception);
    };
  }
}
