package io.dataexport.jdbc.type;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How one {@link ColumnKind} is declared and bound in one database. Dialects hold one instance per
 * kind; implementations are small, stateless and thread-safe.
 */
public interface ColumnType {

  /**
   * The column's type in DDL, e.g. {@code TEXT} or {@code nvarchar(100)}, without nullability.
   *
   * @param column the column, for its length and scale
   */
  String sqlType(ColumnDefinition column);

  /**
   * Binds a value to a statement parameter.
   *
   * @param value an instance of the kind's {@link ColumnKind#javaType()}, or null for SQL NULL
   * @throws SQLException as the driver throws it
   */
  void bind(PreparedStatement statement, int index, Object value) throws SQLException;
}
