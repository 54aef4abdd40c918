package io.dataexport.core.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The locks that order the work on one entity of a running profile, so that a full read's start and
 * end see a settled entity ({@link FullReads}).
 *
 * <ul>
 *   <li><b>applying</b>: held while anything writes the entity's rows — the writer's try of a
 *       batch, the retry of a parked notification, a sweep — and while a full read supersedes the
 *       parked notifications. Without it, a retried delete and the writer's upsert of the same
 *       record could each miss the other's tombstone.
 *   <li><b>publishing</b>: held by whatever puts the entity's notifications on the bus beside its
 *       change reader (a resync of failed records), and by a full read while it begins.
 * </ul>
 *
 * Each holder takes one lock at a time, or publishing before applying, so they never deadlock.
 */
final class EntityLocks {
  private final Map<String, ReentrantLock> applying = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> publishing = new ConcurrentHashMap<>();

  ReentrantLock applying(String entity) {
    return applying.computeIfAbsent(entity, e -> new ReentrantLock());
  }

  ReentrantLock publishing(String entity) {
    return publishing.computeIfAbsent(entity, e -> new ReentrantLock());
  }
}
