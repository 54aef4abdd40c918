package io.dataexport.core.sync;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.store.config.ConfigStore;
import io.dataexport.store.config.InitialSyncState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that runs for one active profile: a change reader per entity and the writer, sharing
 * the profile's source, bus and destination.
 *
 * <p>Lifecycle: {@link #start()} describes the entities, prepares the destination and starts the
 * threads; {@link #stopReading()} stops the readers at once (deactivation); {@link #close()} lets
 * the writer apply what is on the bus (up to a grace period), then releases everything.
 */
public final class ProfileRuntime implements AutoCloseable {
  static final String WRITER_GROUP = "writers";
  private static final Logger LOG = LoggerFactory.getLogger(ProfileRuntime.class);

  private final String profileId;
  private final ChangeSource source;
  private final Destination destination;
  private final NotificationBus bus;
  private final ConfigStore store;
  private final SyncSettings settings;
  private final Clock clock;
  private final SchemaRegistry schemas;
  private final LiveMetrics metrics;
  private final Map<String, Running> readers = new ConcurrentHashMap<>();
  private volatile ExportProfile profile;
  private volatile boolean writing = true;
  private Thread writer;

  public ProfileRuntime(
      String profileId,
      ExportProfile profile,
      ChangeSource source,
      Destination destination,
      NotificationBus bus,
      ConfigStore store,
      SyncSettings settings,
      Clock clock) {
    this.profileId = profileId;
    this.profile = profile;
    this.source = source;
    this.destination = destination;
    this.bus = bus;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.schemas = new SchemaRegistry(source, destination, profile.writeDeleteLog());
    this.metrics = new LiveMetrics(clock);
  }

  /**
   * Prepares the destination and starts reading and writing.
   *
   * @throws io.dataexport.api.error.DataExportException when the source or destination refuses
   */
  public synchronized void start() {
    List<String> names = schemas.load(profile.entities(), profile.relationships());
    writer =
        Thread.ofVirtual()
            .name("writer-" + profileId)
            .start(
                new NotificationWriter(
                    profileId,
                    bus.subscribe(WRITER_GROUP),
                    destination,
                    schemas,
                    store,
                    metrics,
                    settings,
                    clock,
                    () -> writing));
    names.forEach(this::startReader);
    LOG.info("Profile {} ({}) is syncing {}", profile.name(), profileId, names);
  }

  /** Starts and stops readers so that the running set matches the changed profile. */
  public synchronized void reconfigure(ExportProfile changed) {
    List<String> wanted = schemas.load(changed.entities(), changed.relationships());
    for (String entity : List.copyOf(readers.keySet())) {
      if (!wanted.contains(entity)) {
        Running running = readers.remove(entity);
        running.reader.stop();
      }
    }
    wanted.stream().filter(e -> !readers.containsKey(e)).forEach(this::startReader);
    profile = changed;
  }

  /** Starts a full re-export of one entity (administrator's resync). */
  public synchronized void resync(String entity) {
    Running running = readers.remove(entity);
    if (running != null) {
      running.reader.stop();
      join(running.thread, Duration.ofSeconds(60));
    }
    ChangeCursor cursor =
        store.entityState(profileId, entity).map(s -> s.cursor()).orElse(ChangeCursor.start());
    store.markResync(profileId, entity, clock.instant());
    store.saveCursor(profileId, entity, cursor.restart(), InitialSyncState.IN_PROGRESS, 0, -1);
    startReader(entity);
  }

  /** Stops reading changes at once; what was read is still applied. */
  public synchronized void stopReading() {
    readers.values().forEach(r -> r.reader.stop());
    readers.values().forEach(r -> join(r.thread, Duration.ofSeconds(60)));
    readers.clear();
  }

  public LiveMetrics metrics() {
    return metrics;
  }

  /** The last error of an entity's reader, if it is failing. */
  public Optional<String> readerError(String entity) {
    Running running = readers.get(entity);
    return running == null ? Optional.empty() : Optional.ofNullable(running.reader.lastError());
  }

  /**
   * Stops readers, lets the writer apply what is on the bus for up to {@code grace}, then stops.
   */
  public void close(Duration grace) {
    stopReading();
    long deadline = System.nanoTime() + grace.toNanos();
    while (bus.pending(WRITER_GROUP) > 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
    writing = false;
    if (writer != null) {
      join(writer, Duration.ofSeconds(30));
    }
    bus.close();
    destination.close();
    source.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private void startReader(String entity) {
    if (store.entityState(profileId, entity).isEmpty()) {
      store.saveCursor(
          profileId, entity, ChangeCursor.start(), InitialSyncState.NOT_STARTED, 0, -1);
    }
    ChangeReader reader =
        new ChangeReader(
            profileId, entity, source, bus, destination, store, schemas, metrics, settings, clock);
    Thread thread = Thread.ofVirtual().name("reader-" + entity + "-" + profileId).start(reader);
    readers.put(entity, new Running(reader, thread));
  }

  private static void join(Thread thread, Duration timeout) {
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Names of the entities being read, relationships' intersect entities included. */
  public List<String> entities() {
    return new ArrayList<>(readers.keySet());
  }

  private record Running(ChangeReader reader, Thread thread) {}
}
