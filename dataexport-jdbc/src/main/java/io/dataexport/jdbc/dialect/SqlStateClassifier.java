package io.dataexport.jdbc.dialect;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * The general rules, by SQLSTATE class and JDBC exception type, that apply when a dialect's
 * classifier does not recognise an error. A connection that cannot be had or was lost (the pool's
 * {@link SQLTransientConnectionException} when no connection came in time, whatever its SQLSTATE)
 * means the database is unavailable.
 */
public final class SqlStateClassifier implements SqlErrorClassifier {

  @Override
  public SqlFailureKind classify(SQLException exception) {
    if (exception instanceof SQLTransientConnectionException
        || exception instanceof SQLNonTransientConnectionException
        || exception instanceof SQLRecoverableException) {
      return SqlFailureKind.UNAVAILABLE;
    }
    if (exception instanceof SQLTransientException) {
      return SqlFailureKind.RETRIABLE;
    }
    String state = exception.getSQLState();
    if (state == null || state.length() < 2) {
      return null;
    }
    return switch (state.substring(0, 2)) {
      // connection exception, insufficient resources (disk full, out of memory, too many
      // connections)
      case "08", "53" -> SqlFailureKind.UNAVAILABLE;
      // transaction rollback (deadlock, serialization), operator intervention (a cancelled
      // statement or a shutdown), system error
      case "40", "57", "58" -> SqlFailureKind.RETRIABLE;
      // data exception, integrity constraint violation
      case "22", "23" -> SqlFailureKind.PERMANENT;
      // invalid authorization, syntax error or access rule violation (missing table, privilege)
      case "28", "42" -> SqlFailureKind.CONFIGURATION;
      default -> null;
    };
  }
}
