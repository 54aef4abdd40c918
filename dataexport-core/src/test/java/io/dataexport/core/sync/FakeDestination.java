package io.dataexport.core.sync;

import io.dataexport.api.destination.ApplyResult;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DroppedTables;
import io.dataexport.api.destination.RefusedDelete;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** An in-memory destination with version-guarded writes, tombstones and sweeping. */
public final class FakeDestination implements Destination {
  /** A row: its version, its values and when it was last written. */
  public record Row(long version, Map<String, Object> values, Instant written) {}

  private final Clock clock = Clock.systemUTC();
  private final Map<UUID, Row> rows = new LinkedHashMap<>();
  private final Map<UUID, Long> tombstones = new HashMap<>();
  private final List<EntitySchema> prepared = new ArrayList<>();
  private final AtomicInteger failuresToThrow = new AtomicInteger();
  private long swept;
  private final AtomicInteger closes = new AtomicInteger();

  /**
   * An apply of one notification, as the destination saw it.
   *
   * @param notification the notification
   * @param at when
   */
  public record SingleApply(SyncNotification notification, Instant at) {}

  private volatile Predicate<SyncNotification> rejected = n -> false;
  private volatile Predicate<SyncNotification> transientlyFailing = n -> false;
  private volatile Predicate<SyncNotification> unavailable = n -> false;
  private volatile Predicate<SyncNotification> misconfigured = n -> false;
  private final List<SingleApply> singleApplies = new CopyOnWriteArrayList<>();
  private final AtomicInteger applies = new AtomicInteger();

  /** Batches holding a matching notification fail permanently (as a CHECK constraint would). */
  public void reject(Predicate<SyncNotification> which) {
    rejected = which;
  }

  /** Batches holding a matching notification fail transiently (as a lock timeout would). */
  public void failTransiently(Predicate<SyncNotification> which) {
    transientlyFailing = which;
  }

  /**
   * Batches holding a matching notification find the destination unavailable (as a server that is
   * down, refuses the login or has a full disk).
   */
  public void failUnavailable(Predicate<SyncNotification> which) {
    unavailable = which;
  }

  /** Batches holding a matching notification find the destination set up wrongly. */
  public void failMisconfigured(Predicate<SyncNotification> which) {
    misconfigured = which;
  }

  /** Every apply of a batch of exactly one notification, in order. */
  public List<SingleApply> singleApplies() {
    return List.copyOf(singleApplies);
  }

  /** How many batches it was asked to apply. */
  public int applies() {
    return applies.get();
  }

  /** The next {@code count} applies throw an unexpected exception. */
  public void failNextApplies(int count) {
    failuresToThrow.set(count);
  }

  public synchronized Map<UUID, Row> rows() {
    return new LinkedHashMap<>(rows);
  }

  public synchronized List<EntitySchema> prepared() {
    return List.copyOf(prepared);
  }

  public synchronized long swept() {
    return swept;
  }

  /** How often it was closed. */
  public int closes() {
    return closes.get();
  }

  @Override
  public List<Problem> validate() {
    return List.of();
  }

  @Override
  public synchronized void prepare(List<EntitySchema> entities, boolean writeDeleteLog) {
    prepared.addAll(entities);
  }

  @Override
  public synchronized ApplyResult apply(EntitySchema entity, List<SyncNotification> batch) {
    applies.incrementAndGet();
    if (batch.size() == 1) {
      singleApplies.add(new SingleApply(batch.get(0), clock.instant()));
    }
    if (failuresToThrow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("a bug in the destination");
    }
    if (batch.stream().anyMatch(unavailable)) {
      throw new UnavailableException("connection refused", null);
    }
    if (batch.stream().anyMatch(misconfigured)) {
      throw new ConfigurationException("permission denied for table " + entity.logicalName());
    }
    if (batch.stream().anyMatch(transientlyFailing)) {
      throw new RetriableException("lock timeout on " + entity.logicalName(), null);
    }
    if (batch.stream().anyMatch(rejected)) {
      throw new PermanentException(
          "check constraint violated on "
              + entity.logicalName()
              + "\n  Detail: Failing row contains (poison)",
          null);
    }
    List<RefusedDelete> refused = new ArrayList<>();
    for (SyncNotification n : batch) {
      Row row = rows.get(n.recordId());
      Long tombstone = tombstones.get(n.recordId());
      if (n.operation() == Operation.UPSERT) {
        if ((row != null && row.version() > n.version())
            || (tombstone != null && tombstone >= n.version())) {
          continue;
        }
        rows.put(n.recordId(), new Row(n.version(), n.payload(), clock.instant()));
        tombstones.remove(n.recordId());
      } else if (row == null || row.version() <= n.version()) {
        rows.remove(n.recordId());
        tombstones.merge(n.recordId(), n.version(), Math::max);
      } else {
        refused.add(new RefusedDelete(n.recordId(), n.version(), row.version()));
      }
    }
    return ApplyResult.of(refused);
  }

  @Override
  public synchronized long sweep(EntitySchema entity, Instant writtenBefore, Set<UUID> keep) {
    long before = rows.size();
    rows.entrySet()
        .removeIf(
            e -> {
              boolean stale =
                  !keep.contains(e.getKey()) && e.getValue().written().isBefore(writtenBefore);
              if (stale) {
                tombstones.merge(e.getKey(), e.getValue().version(), Math::max);
              }
              return stale;
            });
    swept += before - rows.size();
    return before - rows.size();
  }

  /**
   * Forgets every row and tombstone, as dropping the tables would; reports the prepared entities
   * among {@code entities} as their dropped tables.
   */
  @Override
  public synchronized DroppedTables dropTables(Collection<String> entities) {
    List<String> dropped =
        prepared.stream()
            .map(EntitySchema::logicalName)
            .filter(entities::contains)
            .distinct()
            .toList();
    rows.clear();
    tombstones.clear();
    prepared.clear();
    return new DroppedTables(dropped, List.of());
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }
}
