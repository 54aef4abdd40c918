package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.FailureResyncStore;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.core.metrics.SyncMeters;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that runs for one active profile: a change reader per entity, the writer, the retry
 * scheduler of parked notifications, the sweep of orphan blobs and, when an administrator asked for
 * it, the resync of failed records, sharing the profile's source, bus, destination and the
 * service's blob store.
 *
 * <p>Lifecycle: {@link #start()} describes the entities, prepares the destination and starts the
 * threads (and takes up a resync of failed records left running); {@link #stopReading()} stops the
 * readers and that resync at once (deactivation); {@link #close()} lets the writer apply what is on
 * the bus (up to a grace period), then stops the writer, the scheduler and the sweep and releases
 * everything. Parked notifications stay parked while the profile does not run, and are tried when
 * it runs again.
 */
public final class ProfileRuntime implements AutoCloseable {
  static final String WRITER_GROUP = "writers";

  /**
   * Pages read ahead at most across a profile's readers ({@link PageAhead}); each is up to a page
   * of parsed records (5,000 by default) in memory.
   */
  static final int READ_AHEAD_PAGES = 2;

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
  private final BlobStore blobs;
  private final SyncMeters meters;
  private final ClaimCheck claimCheck;
  private final NotificationPublisher publisher;
  private final EntityLocks locks = new EntityLocks();
  private final FullReads fullReads;
  private final RefusedDeletes refusedDeletes;
  private final FailureResyncJob failureResync;
  // Pages the readers hold read ahead (PageAhead), across the profile's entities: bounds memory.
  private final Semaphore readAhead = new Semaphore(READ_AHEAD_PAGES);
  private RetryScheduler scheduler;
  private Thread retries;
  private OrphanBlobSweep orphanSweep;
  private Thread orphans;
  private ReexportCompletion completion;
  private Thread completions;
  private final Map<String, Running> readers = new ConcurrentHashMap<>();
  // Readers asked to stop that may still be finishing their page; a new reader of the same entity
  // waits for its predecessor, so two never save the entity's cursor in turn.
  private final Map<String, Thread> retired = new ConcurrentHashMap<>();
  private volatile ExportProfile profile;
  private volatile boolean writing = true;
  private Thread writer;
  private BusConsumer consumer;
  private volatile List<String> wanted = List.of();
  private final boolean clustered;
  private boolean leading;

  public ProfileRuntime(
      String profileId,
      ExportProfile profile,
      ChangeSource source,
      Destination destination,
      NotificationBus bus,
      ConfigStore store,
      BlobStore blobs,
      SyncMeters meters,
      SyncSettings settings,
      Clock clock) {
    this(
        profileId, profile, source, destination, bus, store, blobs, meters, settings, clock, false);
  }

  /**
   * @param clustered true for a node of a cluster: {@link #start()} starts only the writer (a
   *     member of the profile's consumer group), and the node's coordinator starts the readers of
   *     the entities whose leases it holds ({@link #startReader(String, Fence)}) and, on the node
   *     holding the profile's lease, the profile-wide duties ({@link #lead()})
   */
  public ProfileRuntime(
      String profileId,
      ExportProfile profile,
      ChangeSource source,
      Destination destination,
      NotificationBus bus,
      ConfigStore store,
      BlobStore blobs,
      SyncMeters meters,
      SyncSettings settings,
      Clock clock,
      boolean clustered) {
    this.clustered = clustered;
    this.profileId = profileId;
    this.profile = profile;
    this.source = source;
    this.destination = destination;
    this.bus = bus;
    this.store = store;
    this.blobs = blobs;
    this.meters = meters;
    this.settings = settings;
    this.clock = clock;
    this.schemas = new SchemaRegistry(source, destination, profile.writeDeleteLog());
    this.metrics = new LiveMetrics(clock);
    this.claimCheck = new ClaimCheck(blobs, settings.inlinePayloadLimit());
    this.publisher = new NotificationPublisher(profileId, bus, claimCheck, store, metrics);
    this.fullReads = new FullReads(profileId, bus, store, blobs, locks, clock);
    this.refusedDeletes = new RefusedDeletes(profileId, meters);
    this.failureResync =
        new FailureResyncJob(
            profileId,
            store.failureResyncs(),
            new FailedRecordResync(profileId, source, schemas, publisher, store, locks, clock),
            () -> Set.copyOf(wanted),
            settings);
  }

  /**
   * Prepares the destination and starts reading and writing.
   *
   * @throws io.dataexport.api.error.DataExportException when the source or destination refuses
   */
  public synchronized void start() {
    List<String> names = schemas.load(profile.entities(), profile.relationships());
    wanted = List.copyOf(names);
    consumer = bus.subscribe(WRITER_GROUP);
    NotificationWriter notificationWriter =
        new NotificationWriter(
            profileId,
            consumer,
            schemas,
            new BatchApplier(destination, refusedDeletes, settings.errorBackoff(), () -> writing),
            locks,
            claimCheck,
            new Parking(blobs, this::retryPolicy),
            store.failures(),
            metrics,
            meters,
            settings,
            clock,
            () -> writing);
    writer =
        Thread.ofVirtual()
            .name("writer-" + profileId)
            .start(LogContext.of(profileId, null, notificationWriter));
    if (clustered) {
      names.forEach(this::ensureState);
      LOG.info("Profile {} ({}) is writing on this node", profile.name(), profileId);
      return;
    }
    lead();
    names.forEach(entity -> startReader(entity, false, Fence.NONE));
    LOG.info("Profile {} ({}) is syncing {}", profile.name(), profileId, names);
  }

  /**
   * Starts the duties one node of a cluster does for the whole profile: the retry scheduler of
   * parked notifications, the sweep of orphan blobs, the completion of full reads and the resync of
   * failed records (taken up when the store says it runs). Idempotent; a single node always leads.
   */
  public synchronized void lead() {
    if (!leading) {
      leading = true;
      scheduler =
          new RetryScheduler(
              profileId,
              destination,
              schemas,
              blobs,
              store.failures(),
              this::retryPolicy,
              locks,
              refusedDeletes,
              metrics,
              meters,
              settings,
              clock);
      retries =
          Thread.ofVirtual()
              .name("retries-" + profileId)
              .start(LogContext.of(profileId, null, scheduler));
      orphanSweep =
          new OrphanBlobSweep(profileId, bus, blobs, store.failures(), meters, settings, clock);
      if (orphanSweep.enabled()) {
        orphans =
            Thread.ofVirtual()
                .name("orphans-" + profileId)
                .start(LogContext.of(profileId, null, orphanSweep));
      }
      completion =
          new ReexportCompletion(
              profileId, bus, destination, store, schemas, locks, meters, settings);
      completions =
          Thread.ofVirtual()
              .name("completion-" + profileId)
              .start(LogContext.of(profileId, null, completion));
    }
    if (!failureResync.running()) {
      failureResync.resume();
    }
  }

  /**
   * Stops the profile-wide duties of {@link #lead()} (this node lost the profile's lease, or
   * leaves): the retry scheduler and the sweeps after the step in hand, the resync of failed
   * records after its page (it stays due in the store for the next leader).
   */
  public synchronized void stopLeading() {
    if (!leading) {
      return;
    }
    leading = false;
    failureResync.stop(Duration.ofSeconds(60));
    stopRetries();
    stopOrphanSweep();
    stopCompletion();
    scheduler = null;
    orphanSweep = null;
    completion = null;
  }

  /** Whether this node runs the profile-wide duties now. */
  public synchronized boolean leading() {
    return leading;
  }

  /** The entities the profile reads (relationships' intersect entities included). */
  public List<String> wantedEntities() {
    return wanted;
  }

  /** The bus partitions this node's writer holds now. */
  public Set<Integer> partitions() {
    BusConsumer held = consumer;
    return held == null ? Set.of() : held.assignment();
  }

  /**
   * Starts reading an entity under a cluster lease: its cursor saves go through {@code fence}'s
   * store, and nothing is published once the fence no longer holds.
   */
  public synchronized void startReader(String entity, Fence fence) {
    if (!readers.containsKey(entity)) {
      startReader(entity, false, fence);
    }
  }

  /** Stops an entity's reader after the page in hand (a lost or released lease). */
  public synchronized void stopReader(String entity) {
    retire(entity);
  }

  /** Waits up to {@code timeout} for a stopped reader of the entity to finish its page. */
  public void awaitReaderEnd(String entity, Duration timeout) {
    Thread thread = retired.get(entity);
    if (thread != null) {
      join(thread, timeout);
      retired.remove(entity, thread);
    }
  }

  /** Starts a full re-export of an entity this node reads under {@code fence}. */
  public synchronized void resync(String entity, Fence fence) {
    retire(entity);
    startReader(entity, true, fence);
  }

  private void ensureState(String entity) {
    if (store.entityState(profileId, entity).isEmpty()) {
      store.saveCursor(
          profileId, entity, ChangeCursor.start(), InitialSyncState.NOT_STARTED, 0, -1);
    }
  }

  /** Starts and stops readers so that the running set matches the changed profile. */
  public synchronized void reconfigure(ExportProfile changed) {
    List<String> names = schemas.load(changed.entities(), changed.relationships());
    wanted = List.copyOf(names);
    for (String entity : List.copyOf(readers.keySet())) {
      if (!names.contains(entity)) {
        retire(entity);
      }
    }
    profile = changed;
    if (clustered) {
      // the coordinator starts readers for the entities whose leases this node takes
      names.forEach(this::ensureState);
      return;
    }
    names.stream()
        .filter(e -> !readers.containsKey(e))
        .forEach(entity -> startReader(entity, false, Fence.NONE));
  }

  /** The retry policy now in force (an active profile's policy may change). */
  private RetryPolicy retryPolicy() {
    return RetryPolicy.of(profile);
  }

  /**
   * Starts the resync of failed records (administrator's "resync failed records") in the
   * background, or joins the one running: every record in the failure log now is read again from
   * the source and put on the bus, and its entry leaves the log; entries of entities no longer
   * exported, or being read in full, stay. The job survives restarts: it stays running in the store
   * while the profile does not run, and goes on when it runs again. See {@link FailureResyncJob}.
   *
   * @throws io.dataexport.api.error.RetriableException when the store cannot be written now
   */
  public FailureResyncStore.Start startFailureResync() {
    return failureResync.start();
  }

  /** Whether the resync of failed records has a thread at work now. */
  boolean failureResyncRunning() {
    return failureResync.running();
  }

  /** Starts a full re-export of one entity (administrator's resync). */
  public synchronized void resync(String entity) {
    retire(entity);
    // the cursor is reset only once the running reader has finished its page: a page it saved
    // after the reset would skip part of the re-export, and the sweep would delete live rows
    startReader(entity, true, Fence.NONE);
  }

  /**
   * Stops reading changes at once, and the resync of failed records after the page in hand (it
   * stays due, see {@link #startFailureResync()}); what was read is still applied.
   */
  public synchronized void stopReading() {
    List.copyOf(readers.keySet()).forEach(this::retire);
    // a source that does not answer would hold its readers for its whole retry window
    source.stopWaiting();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    failureResync.stop(Duration.ofSeconds(60));
    for (Thread thread : List.copyOf(retired.values())) {
      join(thread, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
    retired.values().removeIf(thread -> !thread.isAlive());
  }

  public LiveMetrics metrics() {
    return metrics;
  }

  /**
   * The last error of an entity's reader, if it is failing; else what its read under way is
   * retrying at the source, if anything (shown before the read gives up).
   */
  public Optional<String> readerError(String entity) {
    Running running = readers.get(entity);
    if (running == null) {
      return Optional.empty();
    }
    String error = running.reader.lastError();
    return error != null ? Optional.of(error) : source.retrying(entity);
  }

  /**
   * Stops readers, lets the writer apply what is on the bus for up to {@code grace}, then stops.
   */
  public void close(Duration grace) {
    try {
      stopReading();
      long deadline = System.nanoTime() + grace.toNanos();
      while (System.nanoTime() < deadline && bus.pending(WRITER_GROUP) > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      }
      writing = false;
      if (writer != null) {
        join(writer, Duration.ofSeconds(30));
      }
      stopLeading();
    } finally {
      writing = false;
      stopRetries();
      stopOrphanSweep();
      stopCompletion();
      try (source;
          destination;
          bus) {
        // closed in reverse order: the bus first, then the destination, then the source
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private void stopRetries() {
    if (scheduler != null) {
      scheduler.stop();
      join(retries, Duration.ofSeconds(30));
    }
  }

  private void stopCompletion() {
    if (completion != null) {
      completion.stop();
      // before the destination closes under a sweep
      join(completions, Duration.ofSeconds(30));
    }
  }

  private void stopOrphanSweep() {
    if (orphanSweep != null) {
      orphanSweep.stop();
      if (orphans != null) {
        // before the bus closes under a sweep reading it
        join(orphans, Duration.ofSeconds(30));
      }
    }
  }

  /**
   * Starts the entity's reader once its predecessor, if one is still finishing, has ended.
   *
   * @param reexport whether to start a full re-export first
   * @param fence what must still hold for the reader to publish and save its cursor
   */
  private void startReader(String entity, boolean reexport, Fence fence) {
    ensureState(entity);
    ConfigStore readerStore = fence.store(store);
    ChangeReader reader =
        new ChangeReader(
            profileId,
            entity,
            new PageAhead(source, entity, readAhead),
            fence == Fence.NONE
                ? fullReads
                : new FullReads(profileId, bus, readerStore, blobs, locks, clock),
            readerStore,
            schemas,
            publisher,
            fence,
            settings,
            clock);
    if (reexport) {
      reader.requestReexport();
    }
    Thread predecessor = retired.remove(entity);
    Thread thread =
        Thread.ofVirtual()
            .name("reader-" + entity + "-" + profileId)
            .start(
                LogContext.of(
                    profileId,
                    entity,
                    () -> {
                      if (awaitEnd(predecessor, reader)) {
                        reader.run();
                      }
                    }));
    readers.put(entity, new Running(reader, thread));
  }

  /** Asks the entity's reader to stop; it is remembered until it has ended. */
  private void retire(String entity) {
    Running running = readers.remove(entity);
    if (running != null) {
      running.reader.stop();
      retired.put(entity, running.thread);
    }
  }

  /**
   * Waits for a reader thread to end, even when {@code successor} is stopped meanwhile: whoever
   * waits for the successor then waits for the predecessor too. Returns whether the successor may
   * run.
   */
  private static boolean awaitEnd(Thread predecessor, ChangeReader successor) {
    if (predecessor != null) {
      boolean interrupted = false;
      while (predecessor.isAlive()) {
        try {
          predecessor.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return !successor.stopped();
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
