package io.dataexport.store.config;

import io.dataexport.api.store.Lease;
import io.dataexport.api.store.LeaseLostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The check a fenced store makes before each write of an entity's read progress: that its lease is
 * still held, in the same transaction as the write.
 *
 * <p>On PostgreSQL the check reads the lease row {@code FOR SHARE}. That lock makes another node's
 * {@link JdbcLeases#acquire} (an upsert of the same row) wait until the write has committed, and a
 * takeover that committed first is seen by the locking read (READ COMMITTED re-reads a row locked
 * for share at its newest version), so a write either lands before the takeover or not at all. A
 * conditional write joined to the lease row would do the same, but every write here is an upsert of
 * its own shape; one locking read by the primary key serves them all, at the cost of one indexed
 * read. On SQLite the read needs no lock: see {@link StoreDialect#lockForShare()}.
 */
final class LeaseFence {
  private final String sql;

  LeaseFence(StoreDialect dialect) {
    this.sql =
        "SELECT token FROM lease WHERE name = ? AND holder = ? AND token = ? AND expires_at > "
            + dialect.nowMicros()
            + dialect.lockForShare();
  }

  /**
   * Throws unless {@code lease} still holds: same name, holder and token, not lapsed by the store's
   * clock.
   *
   * @param write what was to be written, for the message
   * @throws LeaseLostException when the lease no longer holds
   */
  void check(Connection connection, Lease lease, String write) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, lease.name());
      select.setString(2, lease.holder());
      select.setLong(3, lease.token());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new LeaseLostException(lease, write);
        }
      }
    }
  }
}
