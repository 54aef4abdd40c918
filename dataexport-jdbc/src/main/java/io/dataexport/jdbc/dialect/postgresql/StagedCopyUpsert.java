package io.dataexport.jdbc.dialect.postgresql;

import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

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
 */
final class StagedCopyUpsert {
  private final PostgresqlDialect dialect;

  StagedCopyUpsert(PostgresqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Writes the rows; see {@link io.dataexport.jdbc.dialect.BulkUpsert#upsert}. */
  void upsert(
      Connection connection,
      UpsertStatement statement,
      List<ColumnDefinition> columns,
      List<Object[]> rows)
      throws SQLException {
    String stage = dialect.quote(stageName(statement, columns));
    try (Statement sql = connection.createStatement()) {
      sql.execute(
          "CREATE TEMPORARY TABLE IF NOT EXISTS " + stage + " (" + declarations(columns) + ")");
      BinaryCopy.copy(
          connection,
          stage,
          statement.columns().stream().map(dialect::quote).toList(),
          columns.stream().map(ColumnDefinition::kind).toArray(ColumnKind[]::new),
          rows);
      // One round trip: merge, then empty the staging table for the next call.
      sql.execute(dialect.merge(statement, stage) + "; TRUNCATE " + stage);
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
