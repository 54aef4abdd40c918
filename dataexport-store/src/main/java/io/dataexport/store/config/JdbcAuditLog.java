package io.dataexport.store.config;

import io.dataexport.api.store.AuditEntry;
import io.dataexport.api.store.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The audit log in the config store's {@code audit_log} table. */
final class JdbcAuditLog implements AuditLog {
  private final Transactions connection;

  JdbcAuditLog(Transactions connection) {
    this.connection = connection;
  }

  @Override
  public AuditEntry record(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return connection.transaction(
        "record the audit entry " + entry.action(),
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO audit_log (at, actor, action, target, outcome, detail)"
                      + " VALUES (?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            Micros.set(insert, 1, entry.at());
            insert.setString(2, entry.actor());
            insert.setString(3, entry.action());
            insert.setString(4, entry.target());
            insert.setString(5, entry.outcome());
            insert.setString(6, entry.detail());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              return new AuditEntry(
                  keys.getLong(1),
                  Micros.truncate(entry.at()),
                  entry.actor(),
                  entry.action(),
                  entry.target(),
                  entry.outcome(),
                  entry.detail());
            }
          }
        });
  }

  @Override
  public List<AuditEntry> entries(long afterId, int limit) {
    return connection.transaction(
        "read the audit log",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT id, at, actor, action, target, outcome, detail FROM audit_log"
                      + " WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                entries.add(
                    new AuditEntry(
                        row.getLong("id"),
                        Micros.get(row, "at"),
                        row.getString("actor"),
                        row.getString("action"),
                        row.getString("target"),
                        row.getString("outcome"),
                        row.getString("detail")));
              }
            }
            return entries;
          }
        });
  }

  @Override
  public int deleteBefore(Instant before) {
    return connection.transaction(
        "remove old audit entries",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM audit_log WHERE at < ?")) {
            Micros.set(delete, 1, before);
            return delete.executeUpdate();
          }
        });
  }
}
