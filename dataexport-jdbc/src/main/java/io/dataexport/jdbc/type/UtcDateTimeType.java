package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A point in time in a column without time zone (MySQL {@code DATETIME(6)}, SQL Server {@code
 * datetime2}), holding UTC wall-clock time as DES did. Bound as a {@link LocalDateTime} in UTC, so
 * neither the JVM's nor the session's time zone shifts it.
 */
public final class UtcDateTimeType implements ColumnType {
  private final String sqlType;

  public UtcDateTimeType(String sqlType) {
    this.sqlType = sqlType;
  }

  @Override
  public String sqlType(ColumnDefinition column) {
    return sqlType;
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP);
    } else {
      statement.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
    }
  }
}
