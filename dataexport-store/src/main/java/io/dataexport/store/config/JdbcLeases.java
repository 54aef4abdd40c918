package io.dataexport.store.config;

import io.dataexport.api.store.Lease;
import io.dataexport.api.store.Leases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Leases in the config store's {@code lease} table. Each operation is one statement whose condition
 * is checked by the database on the row it changes, so two nodes racing for a lease cannot both
 * win; expiry is measured by the database's clock.
 */
final class JdbcLeases implements Leases {
  private final Transactions connection;
  private final String now;

  JdbcLeases(Transactions connection, StoreDialect dialect) {
    this.connection = connection;
    this.now = dialect.nowMicros();
  }

  @Override
  public Optional<Lease> acquire(String name, String holder, Duration duration) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    long micros = micros(duration);
    return connection.transaction(
        "acquire the lease " + name,
        c -> {
          // Free or lapsed: take it (a new holder raises the token); held by the same holder:
          // extend it under its token; held by another: the WHERE leaves the row alone.
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO lease (name, holder, token, expires_at) VALUES (?, ?, 1, "
                      + now
                      + " + ?) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                      + " token = CASE WHEN lease.holder = excluded.holder"
                      + " AND lease.expires_at > "
                      + now
                      + " THEN lease.token ELSE lease.token + 1 END,"
                      + " expires_at = excluded.expires_at"
                      + " WHERE lease.holder = excluded.holder OR lease.expires_at <= "
                      + now)) {
            upsert.setString(1, name);
            upsert.setString(2, holder);
            upsert.setLong(3, micros);
            if (upsert.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return find(c, name).filter(lease -> lease.holder().equals(holder));
        });
  }

  @Override
  public Optional<Lease> renew(Lease lease, Duration duration) {
    long micros = micros(duration);
    return connection.transaction(
        "renew the lease " + lease.name(),
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE lease SET expires_at = "
                      + now
                      + " + ? WHERE name = ? AND holder = ? AND token = ? AND expires_at > "
                      + now)) {
            update.setLong(1, micros);
            update.setString(2, lease.name());
            update.setString(3, lease.holder());
            update.setLong(4, lease.token());
            if (update.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return find(c, lease.name());
        });
  }

  @Override
  public void release(Lease lease) {
    connection.transaction(
        "release the lease " + lease.name(),
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE lease SET expires_at = "
                      + now
                      + " WHERE name = ? AND holder = ? AND token = ? AND expires_at > "
                      + now)) {
            update.setString(1, lease.name());
            update.setString(2, lease.holder());
            update.setLong(3, lease.token());
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<Lease> list(String prefix) {
    return connection.transaction(
        "list the leases " + prefix + "*",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT name, holder, token, expires_at FROM lease"
                      + " WHERE substr(name, 1, ?) = ? ORDER BY name")) {
            select.setInt(1, prefix.length());
            select.setString(2, prefix);
            List<Lease> leases = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                leases.add(lease(row));
              }
            }
            return leases;
          }
        });
  }

  private static Optional<Lease> find(Connection c, String name) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT name, holder, token, expires_at FROM lease WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(lease(row)) : Optional.empty();
      }
    }
  }

  private static Lease lease(ResultSet row) throws SQLException {
    return new Lease(
        row.getString("name"),
        row.getString("holder"),
        row.getLong("token"),
        Micros.get(row, "expires_at"));
  }

  private static long micros(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("A lease lasts a positive time, not " + duration + ".");
    }
    return duration.toNanos() / 1_000;
  }
}
