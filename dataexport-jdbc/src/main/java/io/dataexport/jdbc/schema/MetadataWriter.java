package io.dataexport.jdbc.schema;

import io.dataexport.api.schema.EntitySchema;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.type.ColumnDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rewrites the metadata rows of some entities: for each {@link MetadataTable}, deletes the rows of
 * those entities and inserts the current ones. The caller runs it in one transaction, so readers
 * never see an entity without its metadata.
 */
public final class MetadataWriter {
  private final SqlDialect dialect;
  private final DesTableNames names;

  public MetadataWriter(SqlDialect dialect, DesTableNames names) {
    this.dialect = dialect;
    this.names = names;
  }

  /**
   * Replaces the rows of {@code entities} in every metadata table.
   *
   * @throws SQLException as the driver throws it
   */
  public void refresh(Connection connection, List<EntitySchema> entities, Instant now)
      throws SQLException {
    Map<MetadataTable, List<List<Object>>> rows = MetadataRows.of(entities, now);
    for (MetadataTable table : MetadataTable.values()) {
      String qualified = dialect.qualify(names.table(table.baseName()));
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM " + qualified + " WHERE " + dialect.quote("EntityName") + " = ?")) {
        for (EntitySchema entity : entities) {
          delete.setString(1, entity.logicalName());
          delete.addBatch();
        }
        delete.executeBatch();
      }
      insert(connection, qualified, table, rows.get(table));
    }
  }

  private void insert(
      Connection connection, String qualified, MetadataTable table, List<List<Object>> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    List<ColumnDefinition> columns = table.definition(names).insertColumns();
    String sql =
        "INSERT INTO "
            + qualified
            + " ("
            + columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "))
            + ") VALUES ("
            + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (List<Object> row : rows) {
        for (int i = 0; i < columns.size(); i++) {
          dialect.columnType(columns.get(i).kind()).bind(insert, i + 1, row.get(i));
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
