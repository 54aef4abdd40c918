package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.jdbc.dialect.SqlErrorClassifier;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import java.sql.SQLException;

/**
 * MySQL and MariaDB server and client error codes (<a
 * href="https://mariadb.com/kb/en/mariadb-error-code-reference/">reference</a>); their SQLSTATEs
 * are too coarse ({@code HY000} for a deadlock and a full disk alike).
 */
final class MysqlErrorClassifier implements SqlErrorClassifier {

  @Override
  public SqlFailureKind classify(SQLException exception) {
    return switch (exception.getErrorCode()) {
      // deadlock, lock wait timeout, query interrupted, statement timeout (MariaDB, MySQL)
      case 1213, 1205, 1317, 1969, 3024 -> SqlFailureKind.RETRIABLE;
      // too many connections, server gone away, lost connection, connection killed, cannot
      // connect, disk full, table full (out of space)
      case 1040, 2006, 2013, 1927, 2002, 2003, 1021, 1114 -> SqlFailureKind.UNAVAILABLE;
      // duplicate key, data too long, out of range, incorrect value, foreign key, NULL into NOT
      // NULL, incorrect date-time, data truncated
      case 1062, 1406, 1264, 1366, 1452, 1048, 1292, 1265 -> SqlFailureKind.PERMANENT;
      // access denied (database, login, table, column, privilege), unknown database, table or
      // column, read-only server, row size too large
      case 1044, 1045, 1698, 1142, 1143, 1227, 1049, 1146, 1054, 1290, 1118 ->
          SqlFailureKind.CONFIGURATION;
      default -> null;
    };
  }
}
