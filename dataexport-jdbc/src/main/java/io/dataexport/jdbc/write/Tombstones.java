package io.dataexport.jdbc.write;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.schema.TombstoneTable;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and writes {@link TombstoneTable}: the newest deleted version per record. */
final class Tombstones {
  /** Ids per {@code IN (...)} query; well below every database's parameter limit. */
  private static final int IDS_PER_QUERY = 500;

  private final SqlDialect dialect;
  private final TableName table;

  Tombstones(SqlDialect dialect, TableName table) {
    this.dialect = dialect;
    this.table = table;
  }

  /** The tombstone versions of those of {@code ids} that have one. */
  Map<UUID, Long> load(Connection connection, String entity, Collection<UUID> ids)
      throws SQLException {
    Map<UUID, Long> versions = new HashMap<>();
    List<UUID> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
      List<UUID> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
      String sql =
          "SELECT "
              + q(TombstoneTable.RECORD_ID)
              + ", "
              + q(TombstoneTable.VERSION)
              + " FROM "
              + dialect.qualify(table)
              + " WHERE "
              + q(TombstoneTable.ENTITY_NAME)
              + " = ? AND "
              + q(TombstoneTable.RECORD_ID)
              + " IN ("
              + String.join(", ", Collections.nCopies(chunk.size(), "?"))
              + ")";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        dialect.columnType(ColumnKind.TEXT).bind(select, 1, entity);
        for (int i = 0; i < chunk.size(); i++) {
          dialect.columnType(ColumnKind.GUID).bind(select, i + 2, chunk.get(i));
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            versions.put(UUID.fromString(rs.getString(1)), rs.getLong(2));
          }
        }
      }
    }
    return versions;
  }

  /** Removes a record's tombstone when an upsert at or above its version is written. */
  String removeSql() {
    return "DELETE FROM "
        + dialect.qualify(table)
        + " WHERE "
        + q(TombstoneTable.ENTITY_NAME)
        + " = ? AND "
        + q(TombstoneTable.RECORD_ID)
        + " = ? AND "
        + q(TombstoneTable.VERSION)
        + " <= ?";
  }

  /** Records a delete; keeps the newest version. Binds entity, record, version, time. */
  String upsertSql() {
    return dialect.upsert(
        new UpsertStatement(
            table,
            List.of(
                TombstoneTable.ENTITY_NAME,
                TombstoneTable.RECORD_ID,
                TombstoneTable.VERSION,
                TombstoneTable.DELETED_AT),
            List.of(TombstoneTable.ENTITY_NAME, TombstoneTable.RECORD_ID),
            List.of(),
            TombstoneTable.VERSION));
  }

  private String q(String column) {
    return dialect.quote(column);
  }
}
