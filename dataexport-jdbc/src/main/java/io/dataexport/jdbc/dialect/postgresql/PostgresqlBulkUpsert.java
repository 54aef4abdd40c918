package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.dialect.BulkUpsert;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's bulk upsert, in two ways:
 *
 * <ol>
 *   <li><b>Direct copy</b>, for rows whose keys are new (an initial sync): one binary {@code COPY}
 *       straight into the table, under a savepoint. New keys need no version guard, so this is the
 *       database's fastest load. When a key exists already, the copy fails with a unique violation
 *       (often at its first row), is rolled back to the savepoint, and the rows take the second
 *       way.
 *   <li><b>Staged merge</b> ({@link StagedCopyUpsert}): {@code COPY} into a temporary table, then
 *       one version-guarded {@code INSERT … SELECT … ON CONFLICT}. A user who may not create
 *       temporary tables gets the rows declined, and the writer sends them as batched upserts.
 * </ol>
 *
 * After a conflict the table's next {@value #PROBE_EVERY} rounds go straight to the staged merge
 * (an update-heavy phase would otherwise pay for a failed copy every time), then a direct copy is
 * tried again. Direct copies go only into tables whose columns have the types the service creates
 * ({@link BinaryTypeCheck}, asked once per table shape and process); a table changed by hand is
 * merged from the staging table, whose types are the service's own. (A column changed by hand while
 * the service runs is noticed at its next start; a copy the types refuse outright falls back at
 * once.)
 */
final class PostgresqlBulkUpsert implements BulkUpsert {
  /** Below this many rows the few round trips of staging cost more than multi-row inserts save. */
  static final int MINIMUM_ROWS = 500;

  /** Staged rounds after a conflict before a direct copy is tried again. */
  static final int PROBE_EVERY = 8;

  private static final Logger log = LoggerFactory.getLogger(PostgresqlBulkUpsert.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String BINARY_FORMAT = "22P03";
  private static final String DATATYPE_MISMATCH = "42804";
  private static final String PROTOCOL_VIOLATION = "08P01";
  private static final int NEVER = Integer.MIN_VALUE;

  private final PostgresqlDialect dialect;
  private final StagedCopyUpsert staged;

  /**
   * Per table: rounds not copied directly since the last conflict; {@link #NEVER} once direct copy
   * is off.
   */
  private final Map<TableName, Integer> stagedSinceConflict = new ConcurrentHashMap<>();

  /** Per table shape (the staging table's name): whether its types take binary values. */
  private final Map<String, Boolean> typesFit = new ConcurrentHashMap<>();

  PostgresqlBulkUpsert(PostgresqlDialect dialect) {
    this.dialect = dialect;
    this.staged = new StagedCopyUpsert(dialect);
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
    TableName table = statement.table();
    int since = stagedSinceConflict.getOrDefault(table, PROBE_EVERY);
    if (since >= PROBE_EVERY
        && typesFit(connection, statement, columns)
        && copiedDirectly(connection, statement, columns, rows)) {
      stagedSinceConflict.remove(table);
      return true;
    }
    boolean written = staged.upsert(connection, statement, columns, rows);
    stagedSinceConflict.computeIfPresent(table, (t, n) -> n == NEVER ? NEVER : n + 1);
    return written;
  }

  private boolean typesFit(
      Connection connection, UpsertStatement statement, List<ColumnDefinition> columns)
      throws SQLException {
    String shape = StagedCopyUpsert.stageName(statement, columns);
    Boolean fits = typesFit.get(shape);
    if (fits == null) {
      fits = BinaryTypeCheck.fits(dialect, connection, statement.table(), columns);
      typesFit.put(shape, fits);
      if (!fits) {
        log.info(
            "{} has columns of other types than the service creates; large batches go through a"
                + " staging table",
            statement.table());
      }
    }
    return fits;
  }

  /** Tries the direct copy; false (and rolled back) when a key exists or a type does not fit. */
  private boolean copiedDirectly(
      Connection connection,
      UpsertStatement statement,
      List<ColumnDefinition> columns,
      List<Object[]> rows)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      BinaryCopy.copy(
          connection,
          dialect.qualify(statement.table()),
          statement.columns().stream().map(dialect::quote).toList(),
          columns.stream().map(ColumnDefinition::kind).toArray(ColumnKind[]::new),
          rows);
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      String state = e.getSQLState();
      boolean conflict = UNIQUE_VIOLATION.equals(state);
      if (!conflict
          && !BINARY_FORMAT.equals(state)
          && !DATATYPE_MISMATCH.equals(state)
          && !PROTOCOL_VIOLATION.equals(state)) {
        throw e;
      }
      connection.rollback(savepoint);
      if (conflict) {
        stagedSinceConflict.put(statement.table(), 0);
      } else {
        log.warn(
            "{} does not take binary values of the types the service creates ({}); writing it"
                + " through a staging table from now on",
            statement.table(),
            e.getMessage());
        stagedSinceConflict.put(statement.table(), NEVER);
      }
      return false;
    }
  }
}
