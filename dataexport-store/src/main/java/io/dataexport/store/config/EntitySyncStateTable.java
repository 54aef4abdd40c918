package io.dataexport.store.config;

import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code entity_sync_state} table. Every write is an upsert, so callers need not
 * know whether the entity has a row yet; counters are incremented in SQL, so concurrent writers
 * never lose an increment.
 */
final class EntitySyncStateTable {
  private final String latestSyncedAt;

  EntitySyncStateTable(StoreDialect dialect) {
    this.latestSyncedAt =
        dialect.greatest("entity_sync_state.last_synced_at", "excluded.last_synced_at");
  }

  void saveCursor(
      Connection connection,
      String profileId,
      String entity,
      ChangeCursor cursor,
      InitialSyncState state,
      long rowsRead,
      long estimatedTotal,
      long fenceToken,
      Instant now)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO entity_sync_state (profile_id, entity, cursor_phase, cursor_link,"
                + " high_water_version, initial_sync_state, rows_read, estimated_total,"
                + " updated_at, fence_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (profile_id, entity) DO UPDATE SET"
                + " cursor_phase = excluded.cursor_phase, cursor_link = excluded.cursor_link,"
                + " high_water_version = excluded.high_water_version,"
                + " initial_sync_state = excluded.initial_sync_state,"
                + " rows_read = excluded.rows_read, estimated_total = excluded.estimated_total,"
                + " updated_at = excluded.updated_at, fence_token = excluded.fence_token")) {
      upsert.setString(1, profileId);
      upsert.setString(2, entity);
      upsert.setString(3, cursor.phase().name());
      upsert.setString(4, cursor.link());
      upsert.setLong(5, cursor.highWaterVersion());
      upsert.setString(6, state.wireName());
      upsert.setLong(7, rowsRead);
      upsert.setLong(8, estimatedTotal);
      Micros.set(upsert, 9, now);
      upsert.setLong(10, fenceToken);
      upsert.executeUpdate();
    }
  }

  void markResync(
      Connection connection,
      String profileId,
      String entity,
      Instant reexportStartedAt,
      Instant now)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO entity_sync_state (profile_id, entity, reexport_started_at, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (profile_id, entity) DO UPDATE SET"
                + " reexport_started_at = excluded.reexport_started_at,"
                + " reexport_published_at = NULL, updated_at = excluded.updated_at")) {
      upsert.setString(1, profileId);
      upsert.setString(2, entity);
      Micros.set(upsert, 3, reexportStartedAt);
      Micros.set(upsert, 4, now);
      upsert.executeUpdate();
    }
  }

  /** Records that the read begun at {@code start} is published; false when another read runs. */
  boolean markPublished(
      Connection connection, String profileId, String entity, Instant start, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE entity_sync_state SET reexport_published_at = ?, updated_at = ?"
                + " WHERE profile_id = ? AND entity = ? AND reexport_started_at = ?")) {
      Micros.set(update, 1, now);
      Micros.set(update, 2, now);
      update.setString(3, profileId);
      update.setString(4, entity);
      Micros.set(update, 5, start);
      return update.executeUpdate() == 1;
    }
  }

  /** Ends the read begun at {@code start}; false when another read began since. */
  boolean finishReexport(
      Connection connection, String profileId, String entity, Instant start, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE entity_sync_state SET reexport_started_at = NULL,"
                + " reexport_published_at = NULL, updated_at = ?"
                + " WHERE profile_id = ? AND entity = ? AND reexport_started_at = ?")) {
      Micros.set(update, 1, now);
      update.setString(2, profileId);
      update.setString(3, entity);
      Micros.set(update, 4, start);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Sets the re-export request to {@code requestedAt} unless one is pending.
   *
   * @param requestedAt an SQL expression for the request time (the store's clock)
   * @return false when the entity has no state
   */
  boolean requestReexport(
      Connection connection, String profileId, String entity, String requestedAt, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE entity_sync_state SET"
                + " updated_at = CASE WHEN reexport_requested_at IS NULL THEN ?"
                + " ELSE updated_at END,"
                + " reexport_requested_at = COALESCE(reexport_requested_at, "
                + requestedAt
                + ") WHERE profile_id = ? AND entity = ?")) {
      Micros.set(update, 1, now);
      update.setString(2, profileId);
      update.setString(3, entity);
      return update.executeUpdate() == 1;
    }
  }

  /** Clears the re-export request made at {@code requestedAt}; false when none or another. */
  boolean clearReexportRequest(
      Connection connection, String profileId, String entity, Instant requestedAt, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE entity_sync_state SET reexport_requested_at = NULL, updated_at = ?"
                + " WHERE profile_id = ? AND entity = ? AND reexport_requested_at = ?")) {
      Micros.set(update, 1, now);
      update.setString(2, profileId);
      update.setString(3, entity);
      Micros.set(update, 4, requestedAt);
      return update.executeUpdate() == 1;
    }
  }

  void addCounts(
      Connection connection,
      String profileId,
      String entity,
      long total,
      long succeeded,
      long failed,
      Instant lastSyncedAt,
      Instant now)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO entity_sync_state (profile_id, entity, total_notifications,"
                + " succeeded_notifications, failed_notifications, last_synced_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (profile_id, entity) DO UPDATE SET"
                + " total_notifications ="
                + " entity_sync_state.total_notifications + excluded.total_notifications,"
                + " succeeded_notifications ="
                + " entity_sync_state.succeeded_notifications + excluded.succeeded_notifications,"
                + " failed_notifications ="
                + " entity_sync_state.failed_notifications + excluded.failed_notifications,"
                + " last_synced_at = "
                + latestSyncedAt
                + ", updated_at = excluded.updated_at")) {
      upsert.setString(1, profileId);
      upsert.setString(2, entity);
      upsert.setLong(3, total);
      upsert.setLong(4, succeeded);
      upsert.setLong(5, failed);
      Micros.set(upsert, 6, lastSyncedAt);
      Micros.set(upsert, 7, now);
      upsert.executeUpdate();
    }
  }

  Optional<EntitySyncState> find(Connection connection, String profileId, String entity)
      throws SQLException {
    return select(connection, "WHERE profile_id = ? AND entity = ?", profileId, entity).stream()
        .findFirst();
  }

  List<EntitySyncState> forProfile(Connection connection, String profileId) throws SQLException {
    return select(connection, "WHERE profile_id = ? ORDER BY entity", profileId);
  }

  void delete(Connection connection, String profileId, String entity) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM entity_sync_state WHERE profile_id = ? AND entity = ?")) {
      delete.setString(1, profileId);
      delete.setString(2, entity);
      delete.executeUpdate();
    }
  }

  /** Deletes every entity's state of a profile. */
  void deleteAll(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM entity_sync_state WHERE profile_id = ?")) {
      delete.setString(1, profileId);
      delete.executeUpdate();
    }
  }

  private List<EntitySyncState> select(Connection connection, String condition, String... arguments)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT * FROM entity_sync_state " + condition)) {
      for (int i = 0; i < arguments.length; i++) {
        select.setString(i + 1, arguments[i]);
      }
      List<EntitySyncState> states = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          states.add(read(row));
        }
      }
      return states;
    }
  }

  private static EntitySyncState read(ResultSet row) throws SQLException {
    return new EntitySyncState(
        row.getString("profile_id"),
        row.getString("entity"),
        new ChangeCursor(
            ChangeCursor.Phase.valueOf(row.getString("cursor_phase")),
            row.getString("cursor_link"),
            row.getLong("high_water_version")),
        InitialSyncState.fromWireName(row.getString("initial_sync_state")),
        row.getLong("rows_read"),
        row.getLong("estimated_total"),
        Micros.get(row, "reexport_started_at"),
        Micros.get(row, "reexport_published_at"),
        row.getLong("total_notifications"),
        row.getLong("succeeded_notifications"),
        row.getLong("failed_notifications"),
        Micros.get(row, "last_synced_at"),
        Micros.get(row, "updated_at"),
        Micros.get(row, "reexport_requested_at"),
        row.getLong("fence_token"));
  }
}
