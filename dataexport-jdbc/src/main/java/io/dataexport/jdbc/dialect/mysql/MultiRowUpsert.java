package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.jdbc.dialect.BulkUpsert;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * MySQL's and MariaDB's bulk upsert: the dialect's {@code INSERT … ON DUPLICATE KEY UPDATE} with a
 * {@code VALUES} tuple per row, up to {@value #ROWS_PER_STATEMENT} rows a statement. Each row keeps
 * its version guard ({@code VALUES(c)} is the row's own value); the server parses the statement
 * once for all its rows, where the batched upsert sends, and the server parses, one statement per
 * row.
 */
final class MultiRowUpsert implements BulkUpsert {
  /** Smaller rounds go through the batched upsert. */
  static final int MINIMUM_ROWS = 50;

  static final int ROWS_PER_STATEMENT = 500;

  /** The most placeholders one statement may have. */
  private static final int MAX_PARAMETERS = 65_535;

  private final MysqlDialect dialect;

  MultiRowUpsert(MysqlDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public int minimumRows() {
    return MINIMUM_ROWS;
  }

  @Override
  public boolean upsert(
      Connection connection,
      UpsertStatement statement,
      List<ColumnDefinition> columns,
      List<Object[]> rows)
      throws SQLException {
    int perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PARAMETERS / columns.size()));
    ColumnType[] types =
        columns.stream().map(c -> dialect.columnType(c.kind())).toArray(ColumnType[]::new);
    PreparedStatement full = null;
    try {
      for (int from = 0; from < rows.size(); from += perStatement) {
        int count = Math.min(perStatement, rows.size() - from);
        if (count == perStatement) {
          if (full == null) {
            full = connection.prepareStatement(dialect.upsert(statement, perStatement));
          }
          execute(full, types, rows, from, count);
        } else {
          try (PreparedStatement rest =
              connection.prepareStatement(dialect.upsert(statement, count))) {
            execute(rest, types, rows, from, count);
          }
        }
      }
    } finally {
      if (full != null) {
        full.close();
      }
    }
    return true;
  }

  private static void execute(
      PreparedStatement statement, ColumnType[] types, List<Object[]> rows, int from, int count)
      throws SQLException {
    int index = 1;
    for (int r = from; r < from + count; r++) {
      Object[] row = rows.get(r);
      for (int c = 0; c < types.length; c++) {
        types[c].bind(statement, index++, row[c]);
      }
    }
    statement.executeUpdate();
  }
}
