package io.dataexport.store.config;

import io.dataexport.api.store.ClusterNode;
import io.dataexport.api.store.ClusterNodes;
import io.dataexport.api.store.ClusterView;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The nodes' heartbeats in the config store's {@code cluster_node} table, one row per node, timed
 * by the database's clock (as the leases are) so that staleness is judged by one clock.
 */
final class JdbcClusterNodes implements ClusterNodes {
  private static final Duration CENTURY = Duration.ofDays(36_525);
  private static final long CENTURY_MICROS = CENTURY.toNanos() / 1_000;

  private final Transactions connection;
  private final String now;

  JdbcClusterNodes(Transactions connection, StoreDialect dialect) {
    this.connection = connection;
    this.now = dialect.nowMicros();
  }

  @Override
  public void heartbeat(String nodeId, String address, String details) {
    Objects.requireNonNull(nodeId, "nodeId");
    if (details != null && details.getBytes(StandardCharsets.UTF_8).length > MAX_DETAILS_BYTES) {
      throw new IllegalArgumentException(
          "The details of node "
              + nodeId
              + " take more than "
              + MAX_DETAILS_BYTES
              + " bytes; report less (a summary of the readers and partitions held).");
    }
    connection.transaction(
        "record the heartbeat of node " + nodeId,
        c -> {
          // started_at is written by the first heartbeat only: the upsert leaves it alone. The
          // clock is read once (PostgreSQL's moves within a statement), so a first heartbeat
          // starts the node at the very time of its beat. ("WHERE true" lets SQLite tell the
          // SELECT's end from the upsert clause.)
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO cluster_node (id, address, started_at, heartbeat_at, details)"
                      + " SELECT ?, ?, clock.now, clock.now, ? FROM (SELECT "
                      + now
                      + " AS now) clock WHERE true ON CONFLICT (id) DO UPDATE SET"
                      + " address = excluded.address, heartbeat_at = excluded.heartbeat_at,"
                      + " details = excluded.details")) {
            upsert.setString(1, nodeId);
            upsert.setString(2, address);
            upsert.setString(3, details);
            upsert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public ClusterView view() {
    return connection.transaction(
        "list the cluster's nodes",
        c -> {
          Instant clock;
          try (PreparedStatement select = c.prepareStatement("SELECT " + now);
              ResultSet row = select.executeQuery()) {
            row.next();
            clock = Instant.EPOCH.plus(row.getLong(1), ChronoUnit.MICROS);
          }
          List<ClusterNode> nodes = new ArrayList<>();
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT id, address, started_at, heartbeat_at, details FROM cluster_node"
                          + " ORDER BY id");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              nodes.add(
                  new ClusterNode(
                      row.getString("id"),
                      row.getString("address"),
                      Micros.get(row, "started_at"),
                      Micros.get(row, "heartbeat_at"),
                      row.getString("details")));
            }
          }
          return new ClusterView(clock, nodes);
        });
  }

  @Override
  public void leave(String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId");
    connection.transaction(
        "remove node " + nodeId,
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM cluster_node WHERE id = ?")) {
            delete.setString(1, nodeId);
            delete.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int forgetSilent(Duration olderThan) {
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException(
          "Nodes are forgotten after a silence of zero or more, not " + olderThan + ".");
    }
    // Capped so that "now minus it" stays far from overflowing in SQL.
    long micros = olderThan.compareTo(CENTURY) > 0 ? CENTURY_MICROS : olderThan.toNanos() / 1_000;
    return connection.transaction(
        "forget nodes silent for " + olderThan,
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM cluster_node WHERE heartbeat_at < " + now + " - ?")) {
            delete.setLong(1, micros);
            return delete.executeUpdate();
          }
        });
  }
}
