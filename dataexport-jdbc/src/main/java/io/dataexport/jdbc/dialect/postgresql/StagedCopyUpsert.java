package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded half of PostgreSQL's bulk upsert: the rows go by binary {@code COPY} into a temporary
 * staging table, then one {@code INSERT … SELECT … ON CONFLICT … DO UPDATE … WHERE} merges them
 * with the same version guard as the batched upsert, and the staging table is emptied again.
 *
 * <p>The staging table lives in the session ({@code pg_temp}: not WAL-logged, invisible to other
 * sessions), is created on first use per connection and shape, and holds text without length, so a
 * string that outgrew its column fails in the merge exactly as the batched upsert would (after the
 * writer widened the column). Its name carries a hash of the table and its columns' names, kinds
 * and scales, so a table that gained columns gets a new staging table. If the transaction rolls
 * back, so do the copied rows (and a staging table created in it): the staging table is empty
 * whenever a call begins.
 *
 * <p>A user without the {@code TEMPORARY} privilege on the database cannot create the staging
 * table. The attempt runs under a savepoint, so the transaction stays usable; the rows are declined
 * (the writer then uses the batched upsert), and so are all later ones of that server, database and
 * user until the process ends, with one warning naming the grant that fixes it.
 */
final class StagedCopyUpsert {
  private static final Logger log = LoggerFactory.getLogger(StagedCopyUpsert.class);
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private final PostgresqlDialect dialect;

  /** The sessions ({@link #session}) that may not create temporary tables. */
  private final Set<String> withoutTemporaryTables = ConcurrentHashMap.newKeySet();

  StagedCopyUpsert(PostgresqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Writes the rows, or declines them when the staging table cannot be created; see {@link
   * io.dataexport.jdbc.dialect.BulkUpsert#upsert}.
   */
  boolean upsert(
      Connection connection,
      UpsertStatement statement,
      List<ColumnDefinition> columns,
      List<Object[]> rows)
      throws SQLException {
    String stage = dialect.quote(stageName(statement, columns));
    if (!stageCreated(connection, stage, columns)) {
      return false;
    }
    BinaryCopy.copy(
        connection,
        stage,
        statement.columns().stream().map(dialect::quote).toList(),
        columns.stream().map(ColumnDefinition::kind).toArray(ColumnKind[]::new),
        rows);
    try (Statement sql = connection.createStatement()) {
      // One round trip: merge, then empty the staging table for the next call.
      sql.execute(dialect.merge(statement, stage) + "; TRUNCATE " + stage);
    }
    return true;
  }

  /**
   * Creates the staging table unless the session has it; false when the user may not create
   * temporary tables (the transaction is rolled back to before the attempt).
   */
  private boolean stageCreated(Connection connection, String stage, List<ColumnDefinition> columns)
      throws SQLException {
    if (!withoutTemporaryTables.isEmpty() && withoutTemporaryTables.contains(session(connection))) {
      return false;
    }
    Savepoint savepoint = connection.setSavepoint();
    try (Statement sql = connection.createStatement()) {
      sql.execute(
          "CREATE TEMPORARY TABLE IF NOT EXISTS " + stage + " (" + declarations(columns) + ")");
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(savepoint);
      connection.releaseSavepoint(savepoint);
      if (withoutTemporaryTables.add(session(connection))) {
        warn(connection, e);
      }
      return false;
    }
  }

  /** Server, database and user of a connection, as the driver knows them (no round trip). */
  static String session(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    return meta.getURL() + " as " + meta.getUserName();
  }

  private void warn(Connection connection, SQLException refusal) throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet rs = sql.executeQuery("SELECT current_database(), current_user")) {
      rs.next();
      String database = dialect.quote(rs.getString(1));
      String user = dialect.quote(rs.getString(2));
      log.warn(
          "PostgreSQL user {} may not create temporary tables in database {} (SQLSTATE {}), so"
              + " large batches over existing rows are written with batched upserts instead of"
              + " through a staging table, which is slower, until the service restarts. Grant it:"
              + " GRANT TEMPORARY ON DATABASE {} TO {};",
          user,
          database,
          refusal.getSQLState(),
          database,
          user);
    }
  }

  private String declarations(List<ColumnDefinition> columns) {
    return columns.stream()
        .map(
            c ->
                dialect.quote(c.name())
                    + " "
                    + (c.kind() == ColumnKind.TEXT
                        ? "text"
                        : dialect.columnType(c.kind()).sqlType(c)))
        .collect(Collectors.joining(", "));
  }

  /** {@code dataexport_stage_<hash of the table and its columns' names, kinds and scales>}. */
  static String stageName(UpsertStatement statement, List<ColumnDefinition> columns) {
    StringBuilder shape = new StringBuilder(statement.table().toString());
    for (ColumnDefinition column : columns) {
      shape.append('|').append(column.name()).append(':').append(column.kind());
      shape.append(':').append(column.scale());
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(shape.toString().getBytes(StandardCharsets.UTF_8));
      return "dataexport_stage_" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
