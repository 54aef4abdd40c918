package io.dataexport.store.config;

import io.dataexport.api.store.FailureResync;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The SQL of the {@code failure_resync} table: each profile's latest resync of failed records. */
final class FailureResyncTable {

  Optional<FailureResync> find(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT * FROM failure_resync WHERE profile_id = ?")) {
      select.setString(1, profileId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  /** Stores a new job in place of the profile's previous one. */
  void replace(Connection connection, FailureResync job) throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO failure_resync (profile_id, state, total_records, last_entry_id,"
                + " after_entry_id, resynced, skipped, started_at, finished_at, last_error,"
                + " last_error_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (profile_id) DO UPDATE SET state = excluded.state,"
                + " total_records = excluded.total_records,"
                + " last_entry_id = excluded.last_entry_id,"
                + " after_entry_id = excluded.after_entry_id, resynced = excluded.resynced,"
                + " skipped = excluded.skipped, started_at = excluded.started_at,"
                + " finished_at = excluded.finished_at, last_error = excluded.last_error,"
                + " last_error_at = excluded.last_error_at")) {
      upsert.setString(1, job.profileId());
      upsert.setString(2, job.state().name());
      upsert.setLong(3, job.totalRecords());
      upsert.setLong(4, job.lastEntryId());
      upsert.setLong(5, job.afterEntryId());
      upsert.setLong(6, job.resynced());
      upsert.setLong(7, job.skipped());
      Micros.set(upsert, 8, job.startedAt());
      Micros.set(upsert, 9, job.finishedAt());
      upsert.setString(10, job.lastError());
      Micros.set(upsert, 11, job.lastErrorAt());
      upsert.executeUpdate();
    }
  }

  /**
   * Moves a running job on from {@code from} to {@code to}, adding to its counters.
   *
   * @return false when the job no longer stands at {@code from} (it moved on, completed or is gone)
   */
  boolean advance(
      Connection connection, String profileId, long from, long to, long resynced, long skipped)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE failure_resync SET after_entry_id = ?, resynced = resynced + ?,"
                + " skipped = skipped + ? WHERE profile_id = ? AND state = 'RUNNING'"
                + " AND after_entry_id = ?")) {
      update.setLong(1, to);
      update.setLong(2, resynced);
      update.setLong(3, skipped);
      update.setString(4, profileId);
      update.setLong(5, from);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Completes a running job that stands at {@code at}.
   *
   * @return false when it does not (it moved on, completed or is gone)
   */
  boolean complete(Connection connection, String profileId, long at, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE failure_resync SET state = 'COMPLETED', finished_at = ?"
                + " WHERE profile_id = ? AND state = 'RUNNING' AND after_entry_id = ?")) {
      Micros.set(update, 1, now);
      update.setString(2, profileId);
      update.setLong(3, at);
      return update.executeUpdate() == 1;
    }
  }

  void recordError(Connection connection, String profileId, String reason, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE failure_resync SET last_error = ?, last_error_at = ?"
                + " WHERE profile_id = ? AND state = 'RUNNING'")) {
      update.setString(1, reason);
      Micros.set(update, 2, now);
      update.setString(3, profileId);
      update.executeUpdate();
    }
  }

  void delete(Connection connection, String profileId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM failure_resync WHERE profile_id = ?")) {
      delete.setString(1, profileId);
      delete.executeUpdate();
    }
  }

  private static FailureResync read(ResultSet row) throws SQLException {
    return new FailureResync(
        row.getString("profile_id"),
        FailureResync.State.valueOf(row.getString("state")),
        row.getLong("total_records"),
        row.getLong("last_entry_id"),
        row.getLong("after_entry_id"),
        row.getLong("resynced"),
        row.getLong("skipped"),
        Micros.get(row, "started_at"),
        Micros.get(row, "finished_at"),
        row.getString("last_error"),
        Micros.get(row, "last_error_at"));
  }
}
