package io.dataexport.store.config;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.store.ParkedNotification;
import io.dataexport.api.store.ParkedSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The SQL of the {@code parked} table. */
final class ParkedTable {
  private static final String COLUMNS =
      "blob_key, profile_id, entity, record_id, operation, version, sync_time, attempts,"
          + " first_failed_at, next_attempt_at, last_reason";

  /**
   * Inserts an entry; an entry with the same blob key (a redelivery parked again) is kept as it is.
   */
  void insert(Connection connection, ParkedNotification parked) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO parked ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (blob_key) DO NOTHING")) {
      insert.setString(1, parked.blobKey());
      insert.setString(2, parked.profileId());
      insert.setString(3, parked.entity());
      insert.setString(4, parked.recordId().toString());
      insert.setString(5, parked.operation().name());
      insert.setLong(6, parked.version());
      Micros.set(insert, 7, parked.syncTime());
      insert.setInt(8, parked.attempts());
      Micros.set(insert, 9, parked.firstFailedAt());
      Micros.set(insert, 10, parked.nextAttemptAt());
      insert.setString(11, parked.lastReason());
      insert.executeUpdate();
    }
  }

  /** Records another failed try. Returns false when the entry is gone. */
  boolean update(Connection connection, ParkedNotification parked) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE parked SET attempts = ?, next_attempt_at = ?, last_reason = ?"
                + " WHERE blob_key = ?")) {
      update.setInt(1, parked.attempts());
      Micros.set(update, 2, parked.nextAttemptAt());
      update.setString(3, parked.lastReason());
      update.setString(4, parked.blobKey());
      return update.executeUpdate() == 1;
    }
  }

  /** Returns false when the entry was already gone. */
  boolean delete(Connection connection, String blobKey) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM parked WHERE blob_key = ?")) {
      delete.setString(1, blobKey);
      return delete.executeUpdate() == 1;
    }
  }

  /** Whether an entry is still parked. */
  boolean exists(Connection connection, String blobKey) throws SQLException {
    return exists(connection, blobKey, "");
  }

  /**
   * Whether an entry is still parked, reading it with {@code lock} (a {@link
   * StoreDialect#lockAgainstDelete()}).
   */
  boolean exists(Connection connection, String blobKey, String lock) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM parked WHERE blob_key = ?" + lock)) {
      select.setString(1, blobKey);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Every entry of one entity of a profile. */
  List<ParkedNotification> ofEntity(Connection connection, String profileId, String entity)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM parked WHERE profile_id = ? AND entity = ?")) {
      select.setString(1, profileId);
      select.setString(2, entity);
      List<ParkedNotification> entries = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          entries.add(read(row));
        }
      }
      return entries;
    }
  }

  /** The blob keys of every entry of a profile. */
  Set<String> blobKeys(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT blob_key FROM parked WHERE profile_id = ?")) {
      select.setString(1, profileId);
      Set<String> keys = new HashSet<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          keys.add(row.getString("blob_key"));
        }
      }
      return keys;
    }
  }

  void deleteAll(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM parked WHERE profile_id = ?")) {
      delete.setString(1, profileId);
      delete.executeUpdate();
    }
  }

  /** Entries whose next try is due at {@code now}, the longest-waiting first. */
  List<ParkedNotification> due(Connection connection, String profileId, Instant now, int limit)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM parked WHERE profile_id = ? AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, sync_time LIMIT ?")) {
      select.setString(1, profileId);
      Micros.set(select, 2, now);
      select.setInt(3, limit);
      List<ParkedNotification> due = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          due.add(read(row));
        }
      }
      return due;
    }
  }

  /** When the profile's next try is due, if anything is parked. */
  Optional<Instant> nextAttempt(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT MIN(next_attempt_at) AS next_attempt_at FROM parked WHERE profile_id = ?")) {
      select.setString(1, profileId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.ofNullable(Micros.get(row, "next_attempt_at"))
            : Optional.empty();
      }
    }
  }

  /** Per entity with parked entries: how many, and the oldest sync time among them. */
  Map<String, ParkedSummary> summaries(Connection connection, String profileId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT entity, COUNT(*) AS parked, MIN(sync_time) AS oldest FROM parked"
                + " WHERE profile_id = ? GROUP BY entity ORDER BY entity")) {
      select.setString(1, profileId);
      Map<String, ParkedSummary> summaries = new LinkedHashMap<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String entity = row.getString("entity");
          summaries.put(
              entity, new ParkedSummary(entity, row.getLong("parked"), Micros.get(row, "oldest")));
        }
      }
      return summaries;
    }
  }

  private static ParkedNotification read(ResultSet row) throws SQLException {
    return new ParkedNotification(
        row.getString("blob_key"),
        row.getString("profile_id"),
        row.getString("entity"),
        UUID.fromString(row.getString("record_id")),
        Operation.valueOf(row.getString("operation")),
        row.getLong("version"),
        Micros.get(row, "sync_time"),
        row.getInt("attempts"),
        Micros.get(row, "first_failed_at"),
        Micros.get(row, "next_attempt_at"),
        row.getString("last_reason"));
  }
}
