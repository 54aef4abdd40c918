package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.dialect.ExistingColumn;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a table's columns have the types the service creates, so that binary {@code COPY} values
 * can go into them directly. Binary values are read by the column type's receive function; in a
 * column someone changed by hand (say {@code uuid} to {@code text}) they could be misread, so such
 * a table only takes rows through the staging table, whose types are the service's own.
 */
final class BinaryTypeCheck {
  private BinaryTypeCheck() {}

  /** True when every column exists with the type (any length or scale) its kind is created as. */
  static boolean fits(
      PostgresqlDialect dialect,
      Connection connection,
      TableName table,
      List<ColumnDefinition> columns)
      throws SQLException {
    Map<String, ExistingColumn> existing = dialect.existingColumns(connection, table);
    for (ColumnDefinition column : columns) {
      ExistingColumn found = existing.get(column.name());
      if (found == null
          || !typeNames(column.kind()).contains(found.typeName().toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  /** The names the driver reports for the type a kind is created as. */
  private static Set<String> typeNames(ColumnKind kind) {
    return switch (kind) {
      case GUID -> Set.of("uuid");
      case TEXT -> Set.of("varchar", "text");
      case INTEGER -> Set.of("int4");
      case BIGINT, IDENTITY -> Set.of("int8", "bigserial");
      case DECIMAL -> Set.of("numeric");
      case DOUBLE -> Set.of("float8");
      case BOOLEAN -> Set.of("bool");
      case DATETIME, TIMESTAMP -> Set.of("timestamptz");
      case DATE -> Set.of("date");
    };
  }
}
