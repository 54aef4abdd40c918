package io.dataexport.bench.latency;

import io.dataexport.bench.db.BenchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Watches the destination from outside, as a reader of the customer's database would: every
 * interval it asks each entity table for the rows at or above the lowest pending version (an index
 * on {@code versionnumber} keeps that cheap) and the tombstone table for recent deletes, and tells
 * {@link PendingChanges} what it saw. A change counts as visible at the start of the query that
 * first returned it, so the latency is over-stated by at most one interval.
 */
public final class VisibilityPoller implements AutoCloseable {
  private static final Duration DELETE_SLACK = Duration.ofSeconds(2);

  private final BenchDatabase database;
  private final List<String> entities;
  private final PendingChanges changes;
  private final Duration interval;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Exception failure;

  public VisibilityPoller(
      BenchDatabase database, List<String> entities, PendingChanges changes, Duration interval) {
    this.database = database;
    this.entities = List.copyOf(entities);
    this.changes = changes;
    this.interval = interval;
    this.thread = Thread.ofPlatform().daemon().name("bench-visibility-poller").start(this::run);
  }

  private void run() {
    try (Connection connection = database.connect()) {
      Map<String, PreparedStatement> rows = new LinkedHashMap<>();
      for (String entity : entities) {
        rows.put(
            entity,
            connection.prepareStatement(
                "SELECT \"Id\", \"versionnumber\" FROM "
                    + database.qualified(entity)
                    + " WHERE \"versionnumber\" >= ?"));
      }
      PreparedStatement tombstones =
          connection.prepareStatement(
              "SELECT \"EntityName\", \"RecordId\" FROM "
                  + database.qualified("dataexport_tombstones")
                  + " WHERE \"DeletedAt\" >= ?");
      while (running) {
        long started = System.nanoTime();
        poll(rows, tombstones, started);
        long rest = interval.toNanos() - (System.nanoTime() - started);
        if (rest > 0) {
          Thread.sleep(Duration.ofNanos(rest));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e;
    }
  }

  private void poll(Map<String, PreparedStatement> rows, PreparedStatement tombstones, long now)
      throws SQLException {
    for (Map.Entry<String, PreparedStatement> entity : rows.entrySet()) {
      OptionalLong lowest = changes.lowestPendingVersion(entity.getKey());
      if (lowest.isEmpty()) {
        continue;
      }
      PreparedStatement query = entity.getValue();
      query.setLong(1, lowest.getAsLong());
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          changes.rowSeen(entity.getKey(), (UUID) rs.getObject(1), rs.getLong(2), now);
        }
      }
    }
    Instant oldestDelete = changes.oldestPendingDelete();
    if (oldestDelete != null) {
      tombstones.setObject(
          1, OffsetDateTime.ofInstant(oldestDelete.minus(DELETE_SLACK), ZoneOffset.UTC));
      try (ResultSet rs = tombstones.executeQuery()) {
        while (rs.next()) {
          changes.tombstoneSeen(rs.getString(1), (UUID) rs.getObject(2), now);
        }
      }
    }
  }

  /** Stops polling. */
  @Override
  public void close() throws Exception {
    running = false;
    thread.join();
    if (failure != null) {
      throw failure;
    }
  }
}
