package io.dataexport.core.sync;

import io.dataexport.api.blob.BlobStore;
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
            () -> Set.copyOf(readers.keySet()),
            settings);
  }

  /**
   * Prepares the destination and starts reading and writing.
   *
   * @throws io.dataexport.api.error.DataExportException when the source or destination refuses
   */
  public synchronized void start() {
    List<String> names = schemas.load(profile.entities(), profile.relationships());
    NotificationWriter notificationWriter =
        new NotificationWriter(
            profileId,
            bus.subscribe(WRITER_GROUP),
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
    names.forEach(entity -> startReader(entity, false));
    failureResync.resume();
    LOG.info("Profile {} ({}) is syncing {}", profile.name(), profileId, names);
  }

  /** Starts and stops readers so that the running set matches the changed profile. */
  public synchronized void reconfigure(ExportProfile changed) {
    List<String> wanted = schemas.load(changed.entities(), changed.relationships());
    for (String entity : List.copyOf(readers.keySet())) {
      if (!wanted.contains(entity)) {
        retire(entity);
      }
    }
    wanted.stream()
        .filter(e -> !readers.containsKey(e))
        .forEach(entity -> startReader(entity, false));
    profile = changed;
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
    startReader(entity, true);
  }

  /**
   * Stops reading changes at once, and the resync of failed records after the page in hand (it
   * stays due, see {@link #startFailureResync()}); what was read is still applied.
   */
  public synchronized void stopReading() {
    List.copyOf(readers.keySet()).forEach(this::retire);
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

  /** The last error of an entity's reader, if it is failing. */
  public Optional<String> readerError(String entity) {
    Running running = readers.get(entity);
    return running == null ? Optional.empty() : Optional.ofNullable(running.reader.lastError());
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
      stopRetries();
      stopOrphanSweep();
      stopCompletion();
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
   */
  private void startReader(String entity, boolean reexport) {
    if (store.entityState(profileId, entity).isEmpty()) {
      store.saveCursor(
          profileId, entity, ChangeCursor.start(), InitialSyncState.NOT_STARTED, 0, -1);
    }
    ChangeReader reader =
        new ChangeReader(
            profileId,
            entity,
            new PageAhead(source, entity, readAhead),
            fullReads,
            store,
            schemas,
            publisher,
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
