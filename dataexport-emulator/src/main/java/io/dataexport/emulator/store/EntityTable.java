package io.dataexport.emulator.store;

import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.sample.SampleData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;

/**
 * The records of one entity: seeded rows derived on demand from {@link SampleData}, plus an overlay
 * of every row changed, created or deleted since. Memory grows with changes, not with size.
 *
 * <p>Writes hold the table's write lock while they draw a version from the organisation's clock, so
 * a reader holding the read lock sees every change up to the clock's current value.
 */
public final class EntityTable {
  private final EntityDefinition entity;
  private final SampleData data;
  private final AtomicLong clock;
  private final long seedCount;
  private final long seedVersionBase;
  private final ConcurrentSkipListMap<Long, StoredRecord> overlay = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<Long, StoredRecord> byVersion = new ConcurrentSkipListMap<>();
  private final Map<UUID, Long> createdPositions = new HashMap<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long nextPosition;
  private long deletedSeeds;
  private long liveCreated;

  EntityTable(EntityDefinition entity, SampleData data, AtomicLong clock, long seedVersionBase) {
    this.entity = entity;
    this.data = data;
    this.clock = clock;
    this.seedCount = data.seedCount(entity.logicalName());
    this.seedVersionBase = seedVersionBase;
    this.nextPosition = seedCount;
  }

  public EntityDefinition entity() {
    return entity;
  }

  /**
   * The organisation's current version, read so that every change of this table up to it is
   * visible.
   */
  public long visibleVersion() {
    lock.readLock().lock();
    try {
      return clock.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The live record with this id, if any. */
  public Optional<StoredRecord> get(UUID id) {
    lock.readLock().lock();
    try {
      StoredRecord record = find(id);
      return record == null || record.deleted() ? Optional.empty() : Optional.of(record);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of live records. */
  public long liveCount() {
    lock.readLock().lock();
    try {
      return seedCount - deletedSeeds + liveCreated;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One past the highest position a record has had; positions below it may hold records. */
  public long positionBound() {
    lock.readLock().lock();
    try {
      return nextPosition;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The live record at this exact position, if any (for picking records at random). */
  public Optional<StoredRecord> liveAt(long position) {
    StoredRecord record;
    lock.readLock().lock();
    try {
      record = overlay.get(position);
      if (record == null && position >= 0 && position < seedCount) {
        record = seeded(position);
      }
    } finally {
      lock.readLock().unlock();
    }
    return record == null || record.deleted() ? Optional.empty() : Optional.of(record);
  }

  /**
   * Up to {@code limit} live records at or after {@code fromPosition}, in paging order.
   *
   * @return the records and the position to continue from, or -1 when none are left
   */
  public Page scan(long fromPosition, int limit) {
    List<Object> slots = new ArrayList<>(Math.min(limit, 5000));
    long next = -1;
    lock.readLock().lock();
    try {
      long position = fromPosition;
      while (position < seedCount && slots.size() < limit) {
        StoredRecord changed = overlay.get(position);
        if (changed == null) {
          slots.add(position);
        } else if (!changed.deleted()) {
          slots.add(changed);
        }
        position++;
      }
      if (slots.size() < limit) {
        for (StoredRecord record : overlay.tailMap(Math.max(position, seedCount)).values()) {
          if (slots.size() == limit) {
            position = record.position();
            break;
          }
          if (!record.deleted()) {
            slots.add(record);
          }
          position = record.position() + 1;
        }
      }
      next = hasLiveAt(position) ? position : -1;
    } finally {
      lock.readLock().unlock();
    }
    // Seeded rows are pure functions of the seed: derive them outside the lock.
    List<StoredRecord> records = new ArrayList<>(slots.size());
    for (Object slot : slots) {
      records.add(slot instanceof StoredRecord r ? r : seeded((Long) slot));
    }
    return new Page(records, next);
  }

  private boolean hasLiveAt(long position) {
    for (long p = position; p < seedCount; p++) {
      StoredRecord changed = overlay.get(p);
      if (changed == null || !changed.deleted()) {
        return true;
      }
    }
    return overlay.tailMap(Math.max(position, seedCount)).values().stream()
        .anyMatch(r -> !r.deleted());
  }

  /**
   * Changes with a version in {@code (sinceVersion, untilVersion]} after {@code afterVersion}, in
   * version order: live records when {@code deletions} is false, tombstones when true.
   *
   * @return up to {@code limit} records and the version to continue after, or -1 when done
   */
  public Page changes(
      long sinceVersion, long untilVersion, boolean deletions, long afterVersion, int limit) {
    List<StoredRecord> records = new ArrayList<>();
    long from = Math.max(sinceVersion, afterVersion);
    lock.readLock().lock();
    try {
      for (StoredRecord record : byVersion.subMap(from, false, untilVersion, true).values()) {
        if (record.deleted() != deletions) {
          continue;
        }
        if (records.size() == limit) {
          return new Page(records, records.get(records.size() - 1).version());
        }
        records.add(record);
      }
      return new Page(records, -1);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Number of records changed or deleted in {@code (sinceVersion, untilVersion]}. */
  public long countChanges(long sinceVersion, long untilVersion) {
    lock.readLock().lock();
    try {
      return byVersion.subMap(sinceVersion, false, untilVersion, true).size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Creates a record. The id is taken from the primary id slot of {@code values}.
   *
   * @throws DuplicateRecordException when a live record has that id
   */
  public StoredRecord create(Object[] values, Instant now) {
    UUID id = (UUID) values[entity.primaryIdIndex()];
    lock.writeLock().lock();
    try {
      StoredRecord existing = find(id);
      if (existing != null && !existing.deleted()) {
        throw new DuplicateRecordException(entity.logicalName(), id);
      }
      long position;
      if (existing != null) {
        position = existing.position();
      } else {
        long seedIndex = data.seedIndexOf(entity.logicalName(), id);
        position = seedIndex >= 0 ? seedIndex : nextPosition++;
      }
      return store(existing, id, position, values, now);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Replaces the values of a live record with {@code change.apply(current)}.
   *
   * @return the new state, or empty when no live record has this id
   */
  public Optional<StoredRecord> update(UUID id, UnaryOperator<Object[]> change, Instant now) {
    lock.writeLock().lock();
    try {
      StoredRecord existing = find(id);
      if (existing == null || existing.deleted()) {
        return Optional.empty();
      }
      Object[] values = change.apply(existing.values().clone());
      return Optional.of(store(existing, id, existing.position(), values, now));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Deletes a live record; returns its tombstone, or empty when there is none with this id. */
  public Optional<StoredRecord> delete(UUID id, Instant now) {
    lock.writeLock().lock();
    try {
      StoredRecord existing = find(id);
      if (existing == null || existing.deleted()) {
        return Optional.empty();
      }
      return Optional.of(store(existing, id, existing.position(), null, now));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Forgets change history older than {@code horizon}: such changes can only matter to change
   * tokens that have expired anyway. Tombstones of seeded rows stay (they hide the seed).
   */
  public void forgetChangesBefore(Instant horizon) {
    lock.writeLock().lock();
    try {
      while (!byVersion.isEmpty()
          && byVersion.firstEntry().getValue().changedAt().isBefore(horizon)) {
        StoredRecord old = byVersion.pollFirstEntry().getValue();
        if (old.deleted() && old.position() >= seedCount) {
          overlay.remove(old.position());
          createdPositions.remove(old.id());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private StoredRecord store(
      StoredRecord existing, UUID id, long position, Object[] values, Instant now) {
    long version = clock.incrementAndGet();
    StoredRecord record = new StoredRecord(id, position, version, values, now);
    if (existing != null && overlay.containsKey(position)) {
      byVersion.remove(existing.version());
    }
    overlay.put(position, record);
    byVersion.put(version, record);
    boolean wasLive = existing != null && !existing.deleted();
    boolean isLive = values != null;
    if (position >= seedCount) {
      createdPositions.put(id, position);
      liveCreated += (isLive ? 1 : 0) - (wasLive ? 1 : 0);
    } else if (wasLive != isLive) {
      deletedSeeds += isLive ? -1 : 1;
    }
    return record;
  }

  private StoredRecord find(UUID id) {
    long seedIndex = data.seedIndexOf(entity.logicalName(), id);
    if (seedIndex >= 0) {
      StoredRecord changed = overlay.get(seedIndex);
      return changed != null ? changed : seeded(seedIndex);
    }
    Long position = createdPositions.get(id);
    return position == null ? null : overlay.get(position);
  }

  private StoredRecord seeded(long index) {
    return new StoredRecord(
        data.seedId(entity.logicalName(), index),
        index,
        seedVersionBase + index + 1,
        data.seedRow(entity, index),
        null);
  }

  /**
   * Records of one read and where to go on.
   *
   * @param records the records, in order
   * @param next the position or version to continue from; -1 when nothing is left
   */
  public record Page(List<StoredRecord> records, long next) {}
}
