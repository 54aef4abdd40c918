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
      // serialization failure, deadlock, lock not available, statement cancelled (timeout)
      case "40001", "40P01", "55P03", "57014" -> SqlFailureKind.RETRIABLE;
      // admin shutdown (also a terminated connection), crash shutdown, cannot connect now
      // (starting up or shutting down), I/O error of the server
      case "57P01", "57P02", "57P03", "58030" -> SqlFailureKind.UNAVAILABLE;
      // insufficient privilege, undefined table or column, no such schema or database,
      // read-only transaction (connected to a standby)
      case "42501", "42P01", "42703", "3F000", "3D000", "25006" -> SqlFailureKind.CONFIGURATION;
      default -> byClass(state.substring(0, 2));
    };
  }

  private static SqlFailureKind byClass(String stateClass) {
    return switch (stateClass) {
      // connection exception, insufficient resources (53100 disk full, 53200 out of memory, 53300
      // too many connections, 53400 configuration limit exceeded)
      case "08", "53" -> SqlFailureKind.UNAVAILABLE;
      // data exception (value too long, out of range), integrity constraint violation
      case "22", "23" -> SqlFailureKind.PERMANENT;
      default -> null;
    };
  }
}
