package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.jdbc.dialect.SqlErrorClassifier;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import java.sql.SQLException;

/**
 * SQL Server and Azure SQL error numbers (<a
 * href="https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors">reference</a>),
 * including Azure SQL's transient errors.
 */
final class SqlServerErrorClassifier implements SqlErrorClassifier {

  @Override
  public SqlFailureKind classify(SQLException exception) {
    return switch (exception.getErrorCode()) {
      // deadlock victim, lock timeout, timeout, snapshot update conflict, memory grant timeout
      case 1205, 1222, -2, 3960, 8645 -> SqlFailureKind.RETRIABLE;
      // filegroup full, transaction log full; Azure SQL: database unavailable, service busy,
      // service error, resource limits, size quota reached
      case 1105, 9002, 40613, 40501, 40197, 49918, 49919, 49920, 10928, 10929, 40544 ->
          SqlFailureKind.UNAVAILABLE;
      // duplicate key (constraint, index), string truncation (old and new message), foreign key
      // or check constraint, NULL into NOT NULL, arithmetic overflow, conversion failures
      case 2627, 2601, 8152, 2628, 547, 515, 8115, 241, 242, 245, 8114 -> SqlFailureKind.PERMANENT;
      // invalid object or column, permission denied, login failed, cannot open database, schema
      // missing or not permitted, read-only database
      case 208, 207, 229, 230, 262, 297, 300, 18456, 4060, 2760, 3906 ->
          SqlFailureKind.CONFIGURATION;
      default -> null;
    };
  }
}
