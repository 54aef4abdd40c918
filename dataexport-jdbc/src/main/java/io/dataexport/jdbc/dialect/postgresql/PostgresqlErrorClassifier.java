package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.dialect.SqlErrorClassifier;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import java.sql.SQLException;

/**
 * PostgreSQL's SQLSTATEs (<a
 * href="https://www.postgresql.org/docs/current/errcodes-appendix.html">error codes</a>) that the
 * general rules would miss or that deserve to be explicit.
 */
final class PostgresqlErrorClassifier implements SqlErrorClassifier {

  @Override
  public SqlFailureKind classify(SQLException exception) {
    String state = exception.getSQLState();
    if (state == null || state.length() != 5) {
      return null;
    }
    return switch (state) {
      // serialization failure, deadlock, lock not available, statement cancelled (timeout),
      // admin or crash shutdown, cannot connect now (starting up)
      case "40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03" ->
          SqlFailureKind.RETRIABLE;
      // insufficient privilege, undefined table or column, no such schema or database,
      // read-only transaction (connected to a standby)
      case "42501", "42P01", "42703", "3F000", "3D000", "25006" -> SqlFailureKind.CONFIGURATION;
      default -> byClass(state.substring(0, 2));
    };
  }

  private static SqlFailureKind byClass(String stateClass) {
    return switch (stateClass) {
      // connection exception, insufficient resources (disk full, too many connections)
      case "08", "53" -> SqlFailureKind.RETRIABLE;
      // data exception (value too long, out of range), integrity constraint violation
      case "22", "23" -> SqlFailureKind.PERMANENT;
      default -> null;
    };
  }
}
