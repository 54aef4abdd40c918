package io.dataexport.jdbc.dialect;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * The general rules, by SQLSTATE class and JDBC exception type, that apply when a dialect's
 * classifier does not recognise an error.
 */
public final class SqlStateClassifier implements SqlErrorClassifier {

  @Override
  public SqlFailureKind classify(SQLException exception) {
    if (exception instanceof SQLTransientException
        || exception instanceof SQLRecoverableException
        || exception instanceof SQLNonTransientConnectionException) {
      return SqlFailureKind.RETRIABLE;
    }
    String state = exception.getSQLState();
    if (state == null || state.length() < 2) {
      return null;
    }
    return switch (state.substring(0, 2)) {
      // connection exception, transaction rollback (deadlock, serialization), insufficient
      // resources, operator intervention (shutdown), system error
      case "08", "40", "53", "57", "58" -> SqlFailureKind.RETRIABLE;
      // data exception, integrity constraint violation
      case "22", "23" -> SqlFailureKind.PERMANENT;
      // invalid authorization, syntax error or access rule violation (missing table, privilege)
      case "28", "42" -> SqlFailureKind.CONFIGURATION;
      default -> null;
    };
  }
}
