package io.dataexport.jdbc.write;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.schema.EntityTable;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pages through an entity table's rows written before a time, in id order, so that a sweep never
 * holds more than a page of them.
 */
public final class StaleRows {
  /**
   * A row not written since the bound.
   *
   * @param id the record
   * @param version the version it was written from
   */
  public record Row(UUID id, long version) {}

  private final SqlDialect dialect;
  private final WriteStatements sql;

  public StaleRows(SqlDialect dialect, WriteStatements sql) {
    this.dialect = dialect;
    this.sql = sql;
  }

  /**
   * Up to {@code limit} rows written before {@code before}, with ids above {@code after} (from the
   * first when null).
   */
  public List<Row> page(
      Connection connection, EntityTable table, Instant before, UUID after, int limit)
      throws SQLException {
    List<Row> rows = new ArrayList<>(Math.min(limit, 1024));
    try (PreparedStatement select =
        connection.prepareStatement(sql.rowsWrittenBefore(table, after != null))) {
      select.setMaxRows(limit);
      dialect.columnType(ColumnKind.TIMESTAMP).bind(select, 1, before);
      if (after != null) {
        dialect.columnType(ColumnKind.GUID).bind(select, 2, after);
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next() && rows.size() < limit) {
          rows.add(new Row(UUID.fromString(rs.getString(1)), rs.getLong(2)));
        }
      }
    }
    return rows;
  }
}
