package io.dataexport.jdbc.dialect;

import io.dataexport.jdbc.type.ColumnDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A database's faster way to write many version-guarded upserts of one table at once, for the large
 * batches of an initial sync (PostgreSQL: {@code COPY} into a staging table, then one guarded
 * merge). It means exactly what the dialect's {@link SqlDialect#upsert batched upsert} means, so
 * the writer may use either; it uses this one for rounds of at least {@link #minimumRows()} rows,
 * and the batched upsert when this one declines the rows (say the database user may not create what
 * it needs).
 *
 * <p>Thread-safe; the caller owns the connection's transaction, and nothing of a failed call stays
 * visible once it rolls back.
 */
public interface BulkUpsert {

  /** The fewest rows for which this path is faster than the batched upsert. */
  int minimumRows();

  /**
   * Writes the rows with the meaning of {@link UpsertStatement}: inserted when their key is new,
   * otherwise written over the existing row unless that row's version is newer. Or declines them,
   * having written none of them and leaving the transaction usable: the caller then writes them
   * with the batched upsert.
   *
   * @param statement the table, its columns in binding order, keys, insert-only columns, version
   * @param columns the definitions of {@code statement.columns()}, in that order
   * @param rows one value per column each, as the kinds' {@link
   *     io.dataexport.jdbc.type.ColumnKind#javaType()} or null; every row another key
   * @return true when the rows are written, false when they are declined
   * @throws SQLException as the driver throws it; a value the database refuses fails the call
   */
  boolean upsert(
      Connection connection,
      UpsertStatement statement,
      List<ColumnDefinition> columns,
      List<Object[]> rows)
      throws SQLException;
}
