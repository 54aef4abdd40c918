package io.dataexport.emulator.workload;

import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.sample.SampleData;
import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.emulator.store.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Makes a steady stream of creates, updates and deletes in the emulated organisation, at a target
 * rate or on demand, as users of a CRM would. Used by tests, the demo and the benchmarks.
 *
 * <p>Lifecycle: {@link #start()} runs it in the background until {@link #stop()} (or {@link
 * #close()}); {@link #applyChanges(int)} makes changes synchronously instead.
 */
public final class ChangeWorkload implements AutoCloseable {
  private static final int MAX_BURST = 1000;

  private final OrganisationStore store;
  private final WorkloadSettings settings;
  private final List<EntityDefinition> entities = new ArrayList<>();
  private final SplittableRandom random;
  private final Consumer<AppliedChange> listener;
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong updated = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private volatile Thread runner;
  private volatile boolean running;

  /**
   * @param listener told of every committed change (on the workload's thread); may be null
   * @throws IllegalArgumentException when an entity is unknown
   */
  public ChangeWorkload(
      OrganisationStore store, WorkloadSettings settings, Consumer<AppliedChange> listener) {
    this.store = store;
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.listener = listener == null ? change -> {} : listener;
    if (settings.entities().isEmpty()) {
      store.metadata().entities().stream()
          .filter(EntityDefinition::changeTrackingEnabled)
          .forEach(entities::add);
    } else {
      for (String name : settings.entities()) {
        entities.add(
            store
                .metadata()
                .entity(name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "The workload names an unknown entity '" + name + "'.")));
      }
    }
  }

  /** Starts making changes in the background at the configured rate. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    runner = Thread.ofPlatform().daemon().name("emulator-workload").start(this::run);
  }

  /** Stops the background changes and waits until the last one is committed. */
  public void stop() {
    Thread thread;
    synchronized (this) {
      running = false;
      thread = runner;
      runner = null;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Makes {@code count} changes now, on the caller's thread; returns how many were made. */
  public synchronized int applyChanges(int count) {
    int made = 0;
    for (int i = 0; i < count; i++) {
      if (changeOne()) {
        made++;
      }
    }
    return made;
  }

  public long created() {
    return created.get();
  }

  public long updated() {
    return updated.get();
  }

  public long deleted() {
    return deleted.get();
  }

  @Override
  public void close() {
    stop();
  }

  private void run() {
    long interval = (long) (1_000_000_000L / settings.changesPerSecond());
    long due = System.nanoTime();
    while (running) {
      long now = System.nanoTime();
      if (now < due) {
        LockSupport.parkNanos(due - now);
        continue;
      }
      // After a stall, catch up by at most a bounded burst rather than flooding the store.
      due = Math.max(due, now - MAX_BURST * interval) + interval;
      synchronized (this) {
        changeOne();
      }
    }
  }

  private boolean changeOne() {
    EntityDefinition entity = entities.get(random.nextInt(entities.size()));
    int total = settings.createWeight() + settings.updateWeight() + settings.deleteWeight();
    int draw = random.nextInt(total);
    if (draw < settings.createWeight()) {
      return create(entity);
    }
    Optional<StoredRecord> target = randomLiveRecord(entity);
    if (target.isEmpty()) {
      return create(entity);
    }
    if (draw < settings.createWeight() + settings.updateWeight() && !entity.intersect()) {
      return update(entity, target.get());
    }
    return delete(entity, target.get());
  }

  private boolean create(EntityDefinition entity) {
    SampleData data = store.sampleData();
    UUID id = new UUID(random.nextLong(), random.nextLong());
    StoredRecord record = store.create(entity, data.newRecord(entity, random, id));
    created.incrementAndGet();
    report(entity, record, AppliedChange.Operation.CREATE);
    return true;
  }

  private boolean update(EntityDefinition entity, StoredRecord current) {
    Object[] next =
        store.sampleData().updatedRecord(entity, current.values(), random, store.clock().instant());
    Optional<StoredRecord> record = store.replace(entity, current.id(), next);
    record.ifPresent(
        r -> {
          updated.incrementAndGet();
          report(entity, r, AppliedChange.Operation.UPDATE);
        });
    return record.isPresent();
  }

  private boolean delete(EntityDefinition entity, StoredRecord current) {
    Optional<StoredRecord> tombstone = store.delete(entity, current.id());
    tombstone.ifPresent(
        t -> {
          deleted.incrementAndGet();
          report(entity, t, AppliedChange.Operation.DELETE);
        });
    return tombstone.isPresent();
  }

  private Optional<StoredRecord> randomLiveRecord(EntityDefinition entity) {
    EntityTable table = store.table(entity.logicalName());
    long bound = table.positionBound();
    for (int attempt = 0; attempt < 16 && bound > 0; attempt++) {
      Optional<StoredRecord> record = table.liveAt(random.nextLong(bound));
      if (record.isPresent()) {
        return record;
      }
    }
    return Optional.empty();
  }

  private void report(
      EntityDefinition entity, StoredRecord record, AppliedChange.Operation operation) {
    listener.accept(
        new AppliedChange(
            entity.logicalName(),
            record.id(),
            operation,
            record.version(),
            store.clock().instant(),
            System.nanoTime()));
  }
}
