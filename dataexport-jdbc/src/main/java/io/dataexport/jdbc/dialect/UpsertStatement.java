package io.dataexport.jdbc.dialect;

import java.util.List;
import java.util.Objects;

/**
 * What a version-guarded upsert writes; a dialect turns it into SQL. Parameters are bound in the
 * order of {@link #columns()}, once each.
 *
 * <p>The row is inserted when no row has the key; otherwise every column but the keys and the
 * insert-only columns is overwritten, only when the existing row's {@code versionColumn} is NULL or
 * not greater than the new one (equal versions are written again).
 *
 * @param table the table
 * @param columns every column written, in binding order; includes the keys
 * @param keyColumns the primary key columns
 * @param insertOnlyColumns columns set on insert and never updated (e.g. {@code SinkCreatedOn})
 * @param versionColumn the column guarding the update
 */
public record UpsertStatement(
    TableName table,
    List<String> columns,
    List<String> keyColumns,
    List<String> insertOnlyColumns,
    String versionColumn) {

  public UpsertStatement {
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
    insertOnlyColumns = List.copyOf(insertOnlyColumns);
    Objects.requireNonNull(versionColumn, "versionColumn");
    if (!columns.containsAll(keyColumns) || !columns.contains(versionColumn)) {
      throw new IllegalArgumentException("columns must include the keys and the version column");
    }
  }

  /** The columns an update overwrites: all but the keys and the insert-only ones. */
  public List<String> updateColumns() {
    return columns.stream()
        .filter(c -> !keyColumns.contains(c) && !insertOnlyColumns.contains(c))
        .toList();
  }
}
