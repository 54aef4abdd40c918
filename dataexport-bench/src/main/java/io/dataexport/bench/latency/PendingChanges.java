package io.dataexport.bench.latency;

import io.dataexport.emulator.workload.AppliedChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Changes committed in the emulator and not yet seen in the destination, and the latencies of those
 * seen. An upsert is visible once its record's row shows its version or a newer one; a delete once
 * its record's tombstone is there (which also settles the record's earlier changes). Thread-safe.
 */
public final class PendingChanges {
  /** One change waiting to be seen. */
  private record Pending(
      AppliedChange.Operation operation, long version, long committedNanos, Instant committedAt) {}

  /** A change seen: when it was committed, how long until it was seen. */
  public record Seen(long committedNanos, long latencyNanos) {}

  private final Map<String, Map<UUID, List<Pending>>> pending = new HashMap<>();
  private final List<Seen> seen = new ArrayList<>();
  private long committed;

  /** Records a change the workload committed. */
  public synchronized void committed(AppliedChange change) {
    committed++;
    pending
        .computeIfAbsent(change.entity(), e -> new HashMap<>())
        .computeIfAbsent(change.id(), id -> new ArrayList<>(2))
        .add(
            new Pending(
                change.operation(),
                change.version(),
                change.committedNanos(),
                change.committedAt()));
  }

  /** The destination showed the record's row at {@code version} at {@code observedNanos}. */
  synchronized void rowSeen(String entity, UUID id, long version, long observedNanos) {
    List<Pending> changes = changesOf(entity, id);
    if (changes == null) {
      return;
    }
    for (Iterator<Pending> i = changes.iterator(); i.hasNext(); ) {
      Pending change = i.next();
      if (change.operation() != AppliedChange.Operation.DELETE && change.version() <= version) {
        see(change, observedNanos);
        i.remove();
      }
    }
    forgetIfEmpty(entity, id, changes);
  }

  /** The destination showed the record's tombstone at {@code observedNanos}. */
  synchronized void tombstoneSeen(String entity, UUID id, long observedNanos) {
    List<Pending> changes = changesOf(entity, id);
    if (changes == null
        || changes.stream().noneMatch(c -> c.operation() == AppliedChange.Operation.DELETE)) {
      return;
    }
    changes.forEach(c -> see(c, observedNanos));
    changes.clear();
    forgetIfEmpty(entity, id, changes);
  }

  /** The lowest version of the entity's pending upserts: rows below it need not be read. */
  synchronized OptionalLong lowestPendingVersion(String entity) {
    Map<UUID, List<Pending>> records = pending.get(entity);
    if (records == null) {
      return OptionalLong.empty();
    }
    return records.values().stream()
        .flatMap(List::stream)
        .filter(c -> c.operation() != AppliedChange.Operation.DELETE)
        .mapToLong(Pending::version)
        .min();
  }

  /** When the oldest pending delete was committed, or null when none is pending. */
  synchronized Instant oldestPendingDelete() {
    return pending.values().stream()
        .flatMap(m -> m.values().stream())
        .flatMap(List::stream)
        .filter(c -> c.operation() == AppliedChange.Operation.DELETE)
        .map(Pending::committedAt)
        .min(Instant::compareTo)
        .orElse(null);
  }

  public synchronized long committedCount() {
    return committed;
  }

  public synchronized long pendingCount() {
    return pending.values().stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum();
  }

  /** The changes seen so far, in the order they were seen. */
  public synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  private List<Pending> changesOf(String entity, UUID id) {
    Map<UUID, List<Pending>> records = pending.get(entity);
    return records == null ? null : records.get(id);
  }

  private void forgetIfEmpty(String entity, UUID id, List<Pending> changes) {
    if (changes.isEmpty()) {
      pending.get(entity).remove(id);
    }
  }

  private void see(Pending change, long observedNanos) {
    seen.add(
        new Seen(change.committedNanos(), Math.max(0, observedNanos - change.committedNanos())));
  }
}
