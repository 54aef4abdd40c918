package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * An exact decimal as its plain text ({@code 1234567.8912}). SQLite's NUMERIC affinity would turn
 * it into an 8-byte float, losing digits beyond 15 and trailing zeros; TEXT keeps every digit and
 * the scale, and SQLite's arithmetic ({@code SUM}, {@code +}) still reads it as a number. Compare
 * or sort with {@code CAST(x AS NUMERIC)}.
 */
final class DecimalTextType implements ColumnType {
  @Override
  public String sqlType(ColumnDefinition column) {
    return "TEXT";
  }

  @Override
  public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, ((BigDecimal) value).toPlainString());
    }
  }
}
