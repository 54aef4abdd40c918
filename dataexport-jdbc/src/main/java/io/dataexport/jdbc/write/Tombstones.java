package io.dataexport.jdbc.write;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the tombstone table: the newest deleted version per record. */
final class Tombstones {
  /** Ids per {@code IN (...)} query; well below every database's parameter limit. */
  static final int IDS_PER_QUERY = 500;

  private final SqlDialect dialect;
  private final WriteStatements sql;

  Tombstones(SqlDialect dialect, WriteStatements sql) {
    this.dialect = dialect;
    this.sql = sql;
  }

  /**
   * The tombstone versions of those of {@code ids} that have one. When the ids take several
   * queries, one question first asks whether the entity has any tombstone at all: during an initial
   * sync it has none, and the lookups are skipped.
   */
  Map<UUID, Long> load(Connection connection, String entity, Collection<UUID> ids)
      throws SQLException {
    Map<UUID, Long> versions = new HashMap<>();
    if (ids.size() > IDS_PER_QUERY && !anyOf(connection, entity)) {
      return versions;
    }
    List<UUID> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
      List<UUID> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
      try (PreparedStatement select =
          connection.prepareStatement(sql.tombstoneSelect(chunk.size()))) {
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

  private boolean anyOf(Connection connection, String entity) throws SQLException {
    try (PreparedStatement any = connection.prepareStatement(sql.tombstoneExists())) {
      dialect.columnType(ColumnKind.TEXT).bind(any, 1, entity);
      try (ResultSet rs = any.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }
}
