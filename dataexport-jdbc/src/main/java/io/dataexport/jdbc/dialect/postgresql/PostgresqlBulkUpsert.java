package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.dialect.BulkUpsert;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * After a conflict the table's next {@value #PROBE_EVERY} rounds go straight to the staged merge;
 * from then on each round first looks up its first {@value #SAMPLE_KEYS} keys (one indexed query)
 * and is copied directly only when none of them exists, so an update-heavy phase neither pays for a
 * failed copy of its rows every few rounds nor stays off the direct copy once keys are new again.
 * Direct copies go only into tables whose columns have the types the service creates ({@link
 * BinaryTypeCheck}, asked once per database, table shape and process); a table changed by hand is
 * merged from the staging table, whose types are the service's own. (A column changed by hand while
 * the service runs is noticed at its next start; a copy the types refuse outright falls back at
 * once.)
 */
final class PostgresqlBulkUpsert implements BulkUpsert {
  /** Below this many rows the few round trips of staging cost more than multi-row inserts save. */
  static final int MINIMUM_ROWS = 500;

  /** Staged rounds after a conflict before a direct copy is considered again. */
  static final int PROBE_EVERY = 8;

  /** Keys of a round looked up before a direct copy into a table that had a conflict. */
  static final int SAMPLE_KEYS = 16;

  private static final Logger log = LoggerFactory.getLogger(PostgresqlBulkUpsert.class);
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String BINARY_FORMAT = "22P03";
  private static final String DATATYPE_MISMATCH = "42804";
  private static final String PROTOCOL_VIOLATION = "08P01";
  private static final int NEVER = Integer.MIN_VALUE;

  private final PostgresqlDialect dialect;
  private final StagedCopyUpsert staged;

  /**
   * Per table that had a conflict ({@link #tableOf}: one process may write several databases):
   * rounds not copied directly since, up to {@link #PROBE_EVERY}; {@link #NEVER} once direct copy
   * is off.
   */
  private final Map<String, Integer> stagedSinceConflict = new ConcurrentHashMap<>();

  /** Per database and table shape: whether the table's types take binary values. */
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
    String table = tableOf(connection, statement.table());
    if (typesFit(connection, statement, columns)
        && directCopyWorthTrying(connection, statement, columns, rows)
        && copiedDirectly(connection, statement, columns, rows)) {
      stagedSinceConflict.remove(table);
      return true;
    }
    boolean written = staged.upsert(connection, statement, columns, rows);
    stagedSinceConflict.computeIfPresent(
        table, (t, n) -> n == NEVER ? NEVER : Math.min(n + 1, PROBE_EVERY));
    return written;
  }

  /**
   * Whether a direct copy may succeed: always until the table had a conflict; after one, once
   * {@value #PROBE_EVERY} staged rounds have passed and none of the round's first {@value
   * #SAMPLE_KEYS} keys exists (when the table's key is one GUID column; else without asking).
   */
  private boolean directCopyWorthTrying(
      Connection connection,
      UpsertStatement statement,
      List<ColumnDefinition> columns,
      List<Object[]> rows)
      throws SQLException {
    Integer since = stagedSinceConflict.get(tableOf(connection, statement.table()));
    if (since == null) {
      return true;
    }
    return since >= PROBE_EVERY && !anySampledKeyExists(connection, statement, columns, rows);
  }

  private boolean anySampledKeyExists(
      Connection connection,
      UpsertStatement statement,
      List<ColumnDefinition> columns,
      List<Object[]> rows)
      throws SQLException {
    if (statement.keyColumns().size() != 1) {
      return false;
    }
    int key = statement.columns().indexOf(statement.keyColumns().getFirst());
    if (columns.get(key).kind() != ColumnKind.GUID) {
      return false;
    }
    Object[] sample = new Object[Math.min(SAMPLE_KEYS, rows.size())];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = rows.get(i)[key];
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM "
                + dialect.qualify(statement.table())
                + " WHERE "
                + dialect.quote(statement.keyColumns().getFirst())
                + " = ANY (?) LIMIT 1")) {
      select.setArray(1, connection.createArrayOf("uuid", sample));
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  private boolean typesFit(
      Connection connection, UpsertStatement statement, List<ColumnDefinition> columns)
      throws SQLException {
    String shape =
        StagedCopyUpsert.session(connection) + " " + StagedCopyUpsert.stageName(statement, columns);
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
      connection.releaseSavepoint(savepoint);
      if (conflict) {
        stagedSinceConflict.put(tableOf(connection, statement.table()), 0);
      } else {
        log.warn(
            "{} does not take binary values of the types the service creates ({}); writing it"
                + " through a staging table from now on",
            statement.table(),
            e.getMessage());
        stagedSinceConflict.put(tableOf(connection, statement.table()), NEVER);
      }
      return false;
    }
  }

  /** The table in the database the connection is to, as a key of the per-table memory. */
  private static String tableOf(Connection connection, TableName table) throws SQLException {
    return StagedCopyUpsert.session(connection) + " " + table;
  }
}
