package io.dataexport.store.config;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.store.FailedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of the {@code failure_log} table: one entry per failed record, the latest failure
 * replacing an earlier one of the same record.
 */
final class FailureLogTable {
  private static final String COLUMNS =
      "id, profile_id, entity, record_id, change_type, sync_time, reason, attempts,"
          + " first_failed_at, failed_at";

  void upsert(Connection connection, FailedRecord failure) throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO failure_log (profile_id, entity, record_id, change_type, sync_time,"
                + " reason, attempts, first_failed_at, failed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (profile_id, entity, record_id) DO UPDATE SET"
                + " change_type = excluded.change_type, sync_time = excluded.sync_time,"
                + " reason = excluded.reason, attempts = excluded.attempts,"
                + " first_failed_at = excluded.first_failed_at, failed_at = excluded.failed_at")) {
      upsert.setString(1, failure.profileId());
      upsert.setString(2, failure.entity());
      upsert.setString(3, failure.recordId().toString());
      upsert.setString(4, failure.changeType().name());
      Micros.set(upsert, 5, failure.syncTime());
      upsert.setString(6, failure.reason());
      upsert.setInt(7, failure.attempts());
      Micros.set(upsert, 8, failure.firstFailedAt());
      Micros.set(upsert, 9, failure.failedAt());
      upsert.executeUpdate();
    }
  }

  /** Up to {@code limit} entries with an id above {@code afterId}, by id. */
  List<FailedRecord> page(Connection connection, String profileId, long afterId, int limit)
      throws SQLException {
    return page(connection, profileId, afterId, Long.MAX_VALUE, limit);
  }

  /** Up to {@code limit} entries with an id above {@code afterId} and up to {@code upToId}. */
  List<FailedRecord> page(
      Connection connection, String profileId, long afterId, long upToId, int limit)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM failure_log WHERE profile_id = ? AND id > ? AND id <= ?"
                + " ORDER BY id LIMIT ?")) {
      select.setString(1, profileId);
      select.setLong(2, afterId);
      select.setLong(3, upToId);
      select.setInt(4, limit);
      return read(select);
    }
  }

  private static List<FailedRecord> read(PreparedStatement select) throws SQLException {
    List<FailedRecord> page = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        page.add(read(row));
      }
    }
    return page;
  }

  /** Up to {@code limit} entries of one entity with an id above {@code afterId}, by id. */
  List<FailedRecord> pageOfEntity(
      Connection connection, String profileId, String entity, long afterId, int limit)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM failure_log WHERE profile_id = ? AND entity = ? AND id > ?"
                + " ORDER BY id LIMIT ?")) {
      select.setString(1, profileId);
      select.setString(2, entity);
      select.setLong(3, afterId);
      select.setInt(4, limit);
      return read(select);
    }
  }

  long count(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT COUNT(*) FROM failure_log WHERE profile_id = ?")) {
      select.setString(1, profileId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  long count(Connection connection, String profileId, String entity) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM failure_log WHERE profile_id = ? AND entity = ?")) {
      select.setString(1, profileId);
      select.setString(2, entity);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * How many entries a profile has and the highest id among them.
   *
   * @param entries how many entries
   * @param lastId the highest id, 0 when there is none
   */
  record Extent(long entries, long lastId) {}

  Extent extent(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM failure_log WHERE profile_id = ?")) {
      select.setString(1, profileId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new Extent(row.getLong(1), row.getLong(2));
      }
    }
  }

  /**
   * Deletes entries, each unless a later failure of its record replaced it meanwhile.
   *
   * @return how many were deleted
   */
  int delete(Connection connection, List<FailedRecord> entries) throws SQLException {
    if (entries.isEmpty()) {
      return 0;
    }
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM failure_log WHERE id = ? AND failed_at = ?")) {
      for (FailedRecord entry : entries) {
        delete.setLong(1, entry.id());
        Micros.set(delete, 2, entry.failedAt());
        delete.addBatch();
      }
      int deleted = 0;
      for (int count : delete.executeBatch()) {
        deleted += count > 0 ? 1 : 0;
      }
      return deleted;
    }
  }

  /** The records of an entity's entries whose notification was read at or after a time. */
  List<UUID> recordIdsSyncedFrom(
      Connection connection, String profileId, String entity, Instant from) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT record_id FROM failure_log WHERE profile_id = ? AND entity = ?"
                + " AND sync_time >= ?")) {
      select.setString(1, profileId);
      select.setString(2, entity);
      Micros.set(select, 3, from);
      List<UUID> ids = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          ids.add(UUID.fromString(row.getString(1)));
        }
      }
      return ids;
    }
  }

  /** Deletes an entity's entries whose notification was read before a time; returns how many. */
  int deleteSyncedBefore(Connection connection, String profileId, String entity, Instant before)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM failure_log WHERE profile_id = ? AND entity = ? AND sync_time < ?")) {
      delete.setString(1, profileId);
      delete.setString(2, entity);
      Micros.set(delete, 3, before);
      return delete.executeUpdate();
    }
  }

  void deleteAll(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM failure_log WHERE profile_id = ?")) {
      delete.setString(1, profileId);
      delete.executeUpdate();
    }
  }

  private static FailedRecord read(ResultSet row) throws SQLException {
    return new FailedRecord(
        row.getLong("id"),
        row.getString("profile_id"),
        row.getString("entity"),
        UUID.fromString(row.getString("record_id")),
        Operation.valueOf(row.getString("change_type")),
        Micros.get(row, "sync_time"),
        row.getString("reason"),
        row.getInt("attempts"),
        Micros.get(row, "first_failed_at"),
        Micros.get(row, "failed_at"));
  }
}
