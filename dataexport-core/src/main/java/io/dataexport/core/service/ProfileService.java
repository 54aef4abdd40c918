package io.dataexport.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DroppedTables;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.api.schema.SourceCatalog;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.DuplicateProfileNameException;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureResyncStore;
import io.dataexport.api.store.FailureStore;
import io.dataexport.api.store.StoredProfile;
import io.dataexport.core.cluster.ClusterCoordinator;
import io.dataexport.core.cluster.ClusterFigures;
import io.dataexport.core.cluster.ClusterSettings;
import io.dataexport.core.cluster.LocalProfiles;
import io.dataexport.core.cluster.NodeReading;
import io.dataexport.core.cluster.StoreClock;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.profile.ProfileDocument;
import io.dataexport.core.profile.ProfileValidationException;
import io.dataexport.core.status.FailureResyncStatus;
import io.dataexport.core.status.LiveFigures;
import io.dataexport.core.status.ProfileStatus;
import io.dataexport.core.sync.ProfileRuntime;
import io.dataexport.core.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile lifecycle of SPEC §3: create, validate, activate, deactivate, update, delete, resync;
 * and the running profiles. What the REST API and the CLI drive.
 *
 * <p>Changes of one profile take its lock ({@link ProfileLocks}), so they never interleave; changes
 * of different profiles run side by side. A deactivation or deletion calls off the profile's start
 * under way ({@link ProfileStarts}) rather than waiting for a source that does not answer.
 */
public final class ProfileService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConfigStore store;
  private final Plugins plugins;
  private final Path dataDirectory;
  // the given clock, set by the store's once this node joins a cluster
  private final StoreClock clock;
  private final BlobStore blobs;
  private final SyncMeters meters;
  private final ProfileDocument documents;
  private final RuntimeLauncher launcher;
  private final EnvironmentCheck checks;
  private final ProfileLocks locks = new ProfileLocks();
  private final ProfileStarts starts = new ProfileStarts();
  private final Map<String, ProfileRuntime> running = new ConcurrentHashMap<>();
  private final Map<String, Thread> draining = new ConcurrentHashMap<>();
  // cluster mode: the starts under way on threads of their own, by profile
  private final Map<String, Thread> clusterStarts = new ConcurrentHashMap<>();
  // cluster mode: when each running profile's document was loaded, to follow changes made elsewhere
  private final Map<String, Instant> loaded = new ConcurrentHashMap<>();
  private volatile ClusterCoordinator cluster; // null on a single node
  private volatile boolean closed;

  /**
   * @param blobs where parked notifications and oversized payloads go
   * @param meters where the pipeline records its timings
   */
  public ProfileService(
      ConfigStore store,
      Plugins plugins,
      Path dataDirectory,
      SyncSettings settings,
      Clock clock,
      BlobStore blobs,
      SyncMeters meters) {
    this.store = store;
    this.plugins = plugins;
    this.dataDirectory = dataDirectory;
    this.clock = new StoreClock(clock);
    this.blobs = blobs;
    this.meters = meters;
    this.documents = new ProfileDocument(dataDirectory, plugins.destinations());
    this.checks = new EnvironmentCheck(plugins);
    this.launcher =
        new RuntimeLauncher(store, plugins, dataDirectory, blobs, meters, settings, this.clock);
  }

  /**
   * Runs this service as a node of a cluster (SPEC §8), instead of {@link #resumeActive()}: every
   * active profile's writer runs here, and the coordinator takes this node's share of the readers
   * and profile duties through leases in the shared store. Lifecycle calls on any node act on the
   * whole cluster through the store.
   */
  public synchronized void joinCluster(ClusterSettings settings) {
    if (cluster == null) {
      cluster = new ClusterCoordinator(store, new Local(), settings, clock);
      cluster.start();
    }
  }

  /** The cluster coordinator of this node, when it runs as one. */
  public Optional<ClusterCoordinator> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** Starts the profiles that were active when the service last stopped. */
  public void resumeActive() {
    for (StoredProfile stored : store.profiles()) {
      if (stored.state() == ProfileState.ACTIVE) {
        Thread.ofVirtual().name("resume-" + stored.id()).start(() -> resume(stored.id()));
      }
    }
  }

  private void resume(String id) {
    while (true) {
      try {
        if (resumeOnce(id)) {
          return;
        }
      } catch (ProfileConflictException calledOff) {
        LOG.info("Profile {} is no longer resumed: {}", id, calledOff.getMessage());
        return;
      } catch (RuntimeException e) {
        LOG.warn("Profile {} could not resume, trying again in 30 s: {}", id, e.getMessage());
      }
      try {
        Thread.sleep(Duration.ofSeconds(30));
      } catch (InterruptedException interrupted) {
        return;
      }
    }
  }

  /**
   * Starts a profile that is still meant to run. Under the profile's lock, like every lifecycle
   * change, so that a deactivate, delete or activate arriving meanwhile cannot interleave with it.
   *
   * @return true when nothing is left to do (started, or no longer wanted)
   */
  private boolean resumeOnce(String id) {
    return locks.under(
        id,
        () -> {
          StoredProfile stored = store.profile(id).orElse(null);
          if (closed
              || stored == null
              || stored.state() != ProfileState.ACTIVE
              || running.containsKey(id)) {
            return true;
          }
          start(id, parse(stored));
          return true;
        });
  }

  public List<ProfileView> list() {
    return store.profiles().stream().map(this::view).toList();
  }

  public ProfileView get(String id) {
    return view(stored(id));
  }

  /**
   * Creates a profile from its document.
   *
   * @throws ProfileValidationException listing every problem of the document
   * @throws ProfileConflictException when the name is taken
   */
  public ProfileView create(JsonNode document) {
    ExportProfile profile = documents.parse(document);
    try {
      return view(store.create(profile.name(), ProfileDocument.storable(profile).toString()));
    } catch (DuplicateProfileNameException e) {
      throw new ProfileConflictException(e.getMessage());
    }
  }

  /**
   * Replaces a profile's document. Secrets left out are kept. On an active profile only entities,
   * relationships and the retry policy may change; added entities start their initial sync, removed
   * ones stop (their tables stay).
   */
  public ProfileView update(String id, JsonNode document) {
    return locks.under(id, () -> updateLocked(id, document));
  }

  private ProfileView updateLocked(String id, JsonNode document) {
    StoredProfile stored = stored(id);
    if (!(document instanceof ObjectNode update)) {
      throw new ProfileValidationException(
          List.of(
              new Problem(
                  "(document)",
                  null,
                  "must be a JSON object with name, source, destination and entities.")));
    }
    ObjectNode merged = update.deepCopy();
    ProfileDocument.keepSecrets(merged, read(stored.documentJson()));
    ExportProfile changed = documents.parse(merged);
    ProfileRuntime runtime = running.get(id);
    if (runtime != null) {
      ExportProfile current = parse(stored);
      if (!current.source().equals(changed.source())
          || !current.destination().equals(changed.destination())
          || current.writeDeleteLog() != changed.writeDeleteLog()) {
        throw new ProfileConflictException(
            "The source, destination and writeDeleteLog of an active profile cannot change; deactivate it first.");
      }
      if (!current.entities().equals(changed.entities())
          || !current.relationships().equals(changed.relationships())) {
        List<Problem> problems = checks.sourceProblems(changed);
        if (!problems.isEmpty()) {
          throw new ProfileValidationException(problems);
        }
      }
    }
    // stored first (a taken name fails here, before anything runs differently), then applied;
    // a runtime that cannot take the change puts the old document back
    save(id, changed.name(), ProfileDocument.storable(changed).toString());
    if (runtime != null) {
      try {
        runtime.reconfigure(changed);
      } catch (RuntimeException e) {
        save(id, stored.name(), stored.documentJson());
        throw e;
      }
    }
    return get(id);
  }

  private void save(String id, String name, String documentJson) {
    try {
      store.update(id, name, documentJson);
    } catch (DuplicateProfileNameException e) {
      throw new ProfileConflictException(e.getMessage());
    }
  }

  /**
   * Every check activation would make, without activating: the problems found (none when ready).
   */
  public List<Problem> validate(JsonNode document) {
    ExportProfile profile;
    try {
      profile = documents.parse(document);
    } catch (ProfileValidationException e) {
      return e.problems();
    }
    return checks.problems(profile);
  }

  /**
   * Every entity and N:N relationship a source offers, for choosing a new profile's.
   *
   * @param source a profile document's {@code source} object, secret included
   * @throws ProfileValidationException when the object is not a valid source
   * @throws io.dataexport.api.error.ConfigurationException when the source refuses the credentials
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached
   */
  public SourceCatalog catalog(JsonNode source) {
    SourceConfig config = ProfileDocument.parseSource(source);
    try (ChangeSource opened = plugins.source(config.type()).open(config)) {
      return opened.catalog();
    }
  }

  /**
   * Activates a profile: checks source and destination, then starts the initial sync (or resumes
   * from where it stopped).
   *
   * @throws ProfileValidationException when a check fails, with every problem
   */
  public ProfileView activate(String id) {
    return locks.under(id, () -> activateLocked(id));
  }

  private ProfileView activateLocked(String id) {
    StoredProfile stored = stored(id);
    if (running.containsKey(id)) {
      return view(stored);
    }
    ExportProfile profile = parse(stored);
    List<Problem> problems = checks.problems(profile);
    if (!problems.isEmpty()) {
      throw new ProfileValidationException(problems);
    }
    if (cluster != null) {
      // every node, this one included, starts it at its next tick
      store.setState(id, ProfileState.ACTIVE);
      cluster.wake();
      return get(id);
    }
    start(id, profile);
    store.setState(id, ProfileState.ACTIVE);
    return get(id);
  }

  /**
   * Stops reading changes at once; what was read is still applied, then the profile rests. A start
   * of the profile under way is called off.
   */
  public ProfileView deactivate(String id) {
    try (ProfileStarts.CallOff callOff = starts.callOff(id)) {
      return locks.under(id, () -> deactivateLocked(id));
    }
  }

  private ProfileView deactivateLocked(String id) {
    StoredProfile stored = stored(id);
    ProfileRuntime runtime = running.remove(id);
    store.setState(
        id, stored.state() == ProfileState.CREATED ? ProfileState.CREATED : ProfileState.INACTIVE);
    drain(id, runtime);
    ClusterCoordinator coordinator = cluster;
    if (coordinator != null) {
      // hands this node's leases of the profile back; other nodes stop at their tick
      coordinator.wake();
    }
    return get(id);
  }

  /** Stops reading at once; the writer applies what was read, then closes, in the background. */
  private void drain(String id, ProfileRuntime runtime) {
    loaded.remove(id);
    if (runtime != null) {
      runtime.stopReading();
      draining.put(
          id,
          Thread.ofVirtual().name("drain-" + id).start(() -> runtime.close(Duration.ofMinutes(5))));
    }
  }

  /**
   * Deletes a profile, its sync state, its bus, its parked notifications (blobs included), its
   * failure log and its resync of failed records (stopped first); the destination's tables stay.
   */
  public void delete(String id) {
    delete(id, false);
  }

  /**
   * Deletes a profile like {@link #delete(String)} and, with {@code dropTables}, first drops in its
   * destination exactly the tables the service created for it (SPEC §11): those of its entities and
   * of the relationships' intersect entities it synced, and the shared metadata, tombstone and
   * DeleteLog tables when no other entity has rows in them ({@link Destination#dropTables}). The
   * tables go first: if the destination refuses, the profile is still there to try again.
   *
   * @return what was removed, for the administrator
   * @throws ProfileNotFoundException when there is no such profile
   * @throws io.dataexport.api.error.DataExportException when the destination refuses to drop
   */
  public Removal delete(String id, boolean dropTables) {
    try (ProfileStarts.CallOff callOff = starts.callOff(id)) {
      return locks.under(id, () -> deleteLocked(id, dropTables));
    }
  }

  private Removal deleteLocked(String id, boolean dropTables) {
    StoredProfile stored = stored(id);
    ClusterCoordinator cluster = this.cluster;
    if (cluster != null && stored.state() == ProfileState.ACTIVE) {
      store.setState(id, ProfileState.INACTIVE);
    }
    ProfileRuntime runtime = running.remove(id);
    loaded.remove(id);
    if (runtime != null) {
      runtime.close(Duration.ZERO);
    }
    awaitDrained(id);
    if (cluster != null) {
      cluster.wake();
      // other nodes stop it at their next tick and say so in the heartbeat after; a node that died
      // meanwhile stops counting once its heartbeat is a lease old
      Duration wait = cluster.settings().leaseDuration().multipliedBy(2);
      if (!cluster.awaitStoppedElsewhere(id, wait)) {
        LOG.warn(
            "Profile {} still runs on another node after {} s; deleting it anyway (that node stops"
                + " at its next tick)",
            id,
            wait.toSeconds());
      }
    }
    DroppedTables tables = null;
    if (dropTables) {
      ExportProfile profile = parse(stored);
      Set<String> entities = new TreeSet<>(profile.entities());
      store.entityStates(id).forEach(state -> entities.add(state.entity()));
      try (Destination destination =
          plugins.destination(profile.destination().type()).open(profile.destination())) {
        tables = destination.dropTables(entities);
      }
      LOG.info(
          "Dropped {} table(s) of profile {} ({}): {}",
          tables.dropped().size(),
          stored.name(),
          id,
          tables.dropped());
    }
    plugins.bus().delete(id, dataDirectory);
    // blobs before the rows that name them: a failure in between leaves rows whose blobs are gone
    // (given up when tried), never blobs nothing names
    blobs.deleteAll(id + "/");
    store.delete(id);
    meters.forget(id);
    return new Removal(id, stored.name(), tables);
  }

  /**
   * What deleting a profile removed.
   *
   * @param tables the destination tables dropped and kept, or null when they were left alone
   */
  public record Removal(String profileId, String name, DroppedTables tables) {}

  /**
   * Uninstalls the service (SPEC §11): deletes every profile as {@link #delete(String, boolean)}
   * does, then every blob left and everything the config store keeps, and closes. The service is
   * unusable afterwards; what the node keeps in its data directory is its caller's to remove.
   *
   * @return what was removed, profile by profile
   */
  public synchronized List<Removal> uninstall(boolean dropTables) {
    List<Removal> removed = new ArrayList<>();
    for (StoredProfile profile : store.profiles()) {
      removed.add(delete(profile.id(), dropTables));
    }
    close();
    for (StoredBlob blob : blobs.list("")) {
      blobs.delete(blob.key());
    }
    store.destroy();
    LOG.info("Uninstalled: removed {} profile(s) and the config store", removed.size());
    return removed;
  }

  /** Exports one entity again in full. */
  public void resync(String id, String entity) {
    locks.under(id, () -> resyncLocked(id, entity));
  }

  private void resyncLocked(String id, String entity) {
    StoredProfile stored = stored(id);
    if (cluster != null) {
      requestReexport(stored, entity);
      return;
    }
    ProfileRuntime runtime = running.get(id);
    if (runtime == null) {
      throw new ProfileConflictException(
          "Profile " + id + " is not active; activate it to resync " + entity + ".");
    }
    if (!runtime.entities().contains(entity)) {
      throw new ProfileConflictException(
          "'" + entity + "' is not exported by profile " + id + "; add it to entities first.");
    }
    runtime.resync(entity);
  }

  /** Cluster mode: the node reading the entity starts the re-export at its next tick. */
  private void requestReexport(StoredProfile stored, String entity) {
    String id = stored.id();
    if (stored.state() != ProfileState.ACTIVE) {
      throw new ProfileConflictException(
          "Profile " + id + " is not active; activate it to resync " + entity + ".");
    }
    if (store.entityState(id, entity).isEmpty()
        || !(running.containsKey(id)
            ? running.get(id).wantedEntities().contains(entity)
            : parse(stored).entities().contains(entity))) {
      throw new ProfileConflictException(
          "'" + entity + "' is not exported by profile " + id + "; add it to entities first.");
    }
    store.requestReexport(id, entity);
    cluster.wake();
  }

  /**
   * Starts the resync of the records in an active profile's failure log (SPEC §3) in the
   * background, or joins the one running; returns at once. Its progress shows in the profile's
   * status; it survives restarts, stops while the profile is inactive and goes on when it is active
   * again.
   *
   * @throws ProfileConflictException when the profile is not active
   */
  public FailureResyncStart resyncFailures(String id) {
    return locks.under(id, () -> resyncFailuresLocked(id));
  }

  private FailureResyncStart resyncFailuresLocked(String id) {
    StoredProfile stored = stored(id);
    ClusterCoordinator cluster = this.cluster;
    if (cluster != null) {
      if (stored.state() != ProfileState.ACTIVE) {
        throw new ProfileConflictException(
            "Profile " + id + " is not active; activate it to resync its failed records.");
      }
      // the node leading the profile takes the job up at its next tick
      FailureResyncStore.Start start = store.failureResyncs().start(id);
      cluster.wake();
      return new FailureResyncStart(FailureResyncStatus.of(start.job(), true), start.joined());
    }
    ProfileRuntime runtime = running.get(id);
    if (runtime == null) {
      throw new ProfileConflictException(
          "Profile " + id + " is not active; activate it to resync its failed records.");
    }
    FailureResyncStore.Start start = runtime.startFailureResync();
    return new FailureResyncStart(FailureResyncStatus.of(start.job(), true), start.joined());
  }

  /**
   * What asking for a resync of failed records did.
   *
   * @param status the job's state
   * @param joined true when it was running already, false when it began now
   */
  public record FailureResyncStart(FailureResyncStatus status, boolean joined) {}

  /**
   * A page of a profile's failure log: up to {@code limit} entries with an id above {@code
   * afterId}, by id.
   */
  public List<FailedRecord> failures(String id, long afterId, int limit) {
    stored(id);
    return store.failures().failures(id, afterId, limit);
  }

  /**
   * A page of a profile's failure log, of every entity or of one: up to {@code limit} entries with
   * an id above {@code afterId}, by id, with the log's size and whether more follow.
   *
   * @param entity the entity to list, or empty for all
   * @param limit the page size, at least 1
   * @throws ProfileNotFoundException when there is no such profile
   */
  public FailureLogPage failurePage(String id, Optional<String> entity, long afterId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("A page holds at least 1 entry; asked for " + limit);
    }
    stored(id);
    FailureStore log = store.failures();
    int readOneMore = (int) Math.min((long) limit + 1, Integer.MAX_VALUE);
    List<FailedRecord> read =
        entity
            .map(e -> log.failures(id, e, afterId, readOneMore))
            .orElseGet(() -> log.failures(id, afterId, readOneMore));
    long total = entity.map(e -> log.failureCount(id, e)).orElseGet(() -> log.failureCount(id));
    return FailureLogPage.of(read, limit, total);
  }

  public ProfileStatus status(String id) {
    return status(stored(id), readings());
  }

  /** Whether the profile's pipeline runs in this service now. */
  public boolean isRunning(String id) {
    return running.containsKey(id);
  }

  /** The status of every profile. */
  public List<ProfileStatus> statuses() {
    List<NodeReading> readings = readings();
    return store.profiles().stream().map(stored -> status(stored, readings)).toList();
  }

  /**
   * @param readings in cluster mode, what every live node reports (its throughput, lag and reader
   *     errors go into the status); null on a single node, whose own runtime knows them all
   */
  private ProfileStatus status(StoredProfile stored, List<NodeReading> readings) {
    String id = stored.id();
    Instant now = clock.instant();
    return ProfileStatus.of(
        stored,
        store.entityStates(id),
        store.failures().parkedSummaries(id),
        store.failures().failureCount(id),
        store.failureResyncs().find(id).orElse(null),
        readings == null ? LiveFigures.of(running.get(id)) : new ClusterFigures(id, readings, now),
        now);
  }

  /** In cluster mode, the live nodes' reports; null on a single node. */
  private List<NodeReading> readings() {
    ClusterCoordinator coordinator = cluster;
    return coordinator == null ? null : coordinator.readings();
  }

  /**
   * Stops every profile running here (after applying what was read, up to 10 s each) and, on a
   * cluster node, hands its leases over. Starts under way are interrupted; a profile's lock is
   * taken only to stop it, so a slow start of another profile holds up nothing.
   */
  @Override
  public void close() {
    ClusterCoordinator leaving;
    synchronized (this) {
      closed = true;
      leaving = cluster;
    }
    starts.interruptAll();
    if (leaving != null) {
      // outside any lock: the coordinator's tick may be waiting for one; hands the leases over
      leaving.close();
    }
    for (String id : List.copyOf(running.keySet())) {
      locks.under(
          id,
          () -> {
            ProfileRuntime runtime = running.remove(id);
            if (runtime != null) {
              runtime.close(Duration.ofSeconds(10));
            }
          });
    }
    List.copyOf(draining.keySet()).forEach(this::awaitDrained);
  }

  /** The profiles of this node as its {@link ClusterCoordinator} starts and stops them. */
  private final class Local implements LocalProfiles {
    @Override
    public Optional<ProfileRuntime> ensureRunning(StoredProfile stored) {
      String id = stored.id();
      if (closed) {
        return Optional.empty();
      }
      if (!running.containsKey(id)) {
        startInBackground(stored);
        return Optional.empty();
      }
      return locks.under(
          id,
          () -> {
            ProfileRuntime runtime = running.get(id);
            try {
              if (runtime != null && !stored.updatedAt().equals(loaded.get(id))) {
                runtime.reconfigure(parse(stored));
                loaded.put(id, stored.updatedAt());
              }
            } catch (RuntimeException e) {
              LOG.warn(
                  "Profile {} cannot take its changed document on this node now, trying again: {}",
                  id,
                  e.getMessage());
            }
            return Optional.ofNullable(runtime);
          });
    }

    /**
     * Starts the profile here on a thread of its own, unless a start of it is under way: a start
     * whose source does not answer takes minutes, and the coordinator's tick, which takes the
     * readers of every profile and the leases of a dead node, must not wait for it. Wakes the
     * coordinator once started; a start that fails is tried again at the next tick.
     */
    private void startInBackground(StoredProfile stored) {
      String id = stored.id();
      Thread thread =
          Thread.ofVirtual()
              .name("cluster-start-" + id)
              .unstarted(
                  () -> {
                    try {
                      locks.under(id, () -> startHere(stored));
                      ClusterCoordinator coordinator = cluster;
                      if (coordinator != null) {
                        coordinator.wake();
                      }
                    } catch (RuntimeException e) {
                      LOG.warn(
                          "Profile {} cannot run on this node now, trying again: {}",
                          id,
                          e.getMessage());
                    } finally {
                      clusterStarts.remove(id, Thread.currentThread());
                    }
                  });
      if (clusterStarts.putIfAbsent(id, thread) == null) {
        thread.start();
      }
    }

    private void startHere(StoredProfile stored) {
      String id = stored.id();
      if (closed || running.containsKey(id)) {
        return;
      }
      awaitDrained(id);
      running.put(id, launch(id, () -> launcher.start(id, parse(stored), true)));
      loaded.put(id, stored.updatedAt());
    }

    @Override
    public void stopLocal(String profileId) {
      locks.under(profileId, () -> drain(profileId, running.remove(profileId)));
    }

    @Override
    public Map<String, ProfileRuntime> running() {
      return Map.copyOf(running);
    }
  }

  private void start(String id, ExportProfile profile) {
    awaitDrained(id);
    running.put(id, launch(id, () -> launcher.start(id, profile)));
  }

  /**
   * Starts a profile's pipeline so that a deactivation or deletion can call the start off; a start
   * that ends after the service began closing is stopped again.
   */
  private ProfileRuntime launch(String id, Supplier<ProfileRuntime> start) {
    ProfileRuntime runtime = starts.run(id, start);
    if (closed) {
      runtime.close(Duration.ZERO);
      throw new IllegalStateException(
          "The service is closing; profile " + id + " was not started.");
    }
    return runtime;
  }

  /** A deactivated profile finishes applying what it read before it runs again or goes away. */
  private void awaitDrained(String id) {
    Thread drain = draining.remove(id);
    if (drain != null) {
      try {
        drain.join(Duration.ofMinutes(6));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private StoredProfile stored(String id) {
    return store.profile(id).orElseThrow(() -> new ProfileNotFoundException(id));
  }

  private ProfileView view(StoredProfile stored) {
    return new ProfileView(
        stored.id(), parse(stored), stored.state(), stored.createdAt(), stored.updatedAt());
  }

  private ExportProfile parse(StoredProfile stored) {
    return documents.parseStored(read(stored.documentJson()));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a stored profile document is not JSON", e);
    }
  }
}
