package io.dataexport.core.cluster;

import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.store.ClusterNode;
import io.dataexport.api.store.ClusterNodes;
import io.dataexport.api.store.ClusterView;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.Lease;
import io.dataexport.api.store.Leases;
import io.dataexport.api.store.StoredProfile;
import io.dataexport.core.sync.ProfileRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one node of a cluster do its share (SPEC §8). Every {@link ClusterSettings#tick()} it:
 *
 * <ol>
 *   <li>runs every active profile here — each node's writer is a member of the profile's consumer
 *       group — and stops the ones no longer active;
 *   <li>renews its leases, and stops at once the work of a lease it could not renew in time;
 *   <li>takes free or lapsed leases up to its fair share: a reader lease per (profile, entity),
 *       {@code reader/<profile>/<entity>}, and a lead lease per profile, {@code profile/<profile>},
 *       for the retry scheduler, the sweeps and the resync of failed records; and gives up a reader
 *       above its share, so a node that joins gets work;
 *   <li>starts the re-exports asked of the entities it reads ({@link ConfigStore#requestReexport});
 *   <li>heartbeats into the store what it holds, for {@code GET /api/v1/cluster}, and what it knows
 *       of its profiles' entities (throughput, lag, reader errors), for their status on any node
 *       ({@link #readings()}).
 * </ol>
 *
 * A node that dies stops renewing: its leases lapse after {@link ClusterSettings#leaseDuration()}
 * and the next tick of another node takes them. {@link #close()} hands everything over at once.
 */
public final class ClusterCoordinator implements AutoCloseable {
  /** Lease names begin with these. */
  public static final String READER = "reader/";

  public static final String LEAD = "profile/";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterCoordinator.class);

  /** How far a node's own clock may be off the store's before it says so. */
  static final Duration CLOCK_OFF = Duration.ofSeconds(1);

  private final ConfigStore store;
  private final Leases leases;
  private final LocalProfiles profiles;
  private final ClusterSettings settings;
  private final Duration margin;
  private final StoreClock clock;
  // held leases by name; touched by the coordinator's thread, read by heartbeat and close
  private final Map<String, LeaseFence> held = new ConcurrentHashMap<>();
  private final Object wake = new Object();
  // taken to acquire, renew and release, so a lease is never renewed after its release
  private final Object leaseLock = new Object();
  private volatile boolean stopped;
  // how readers spread with the other nodes (the coordinator thread's)
  private final ReaderBalance balance = new ReaderBalance();
  private volatile Thread thread;
  private volatile Thread renewals;
  // whether the last heartbeat left the figures out for size (the renewal thread's)
  private boolean figuresLeftOut;
  // whether this node's clock was measured against the store's, and (the tick's) said to be off
  private volatile boolean clockMeasured;
  private boolean clockOff;

  /**
   * @param clock this node's clock, which the coordinator sets by the store's at every tick (the
   *     profiles' runtimes tell time by it)
   */
  public ClusterCoordinator(
      ConfigStore store, LocalProfiles profiles, ClusterSettings settings, StoreClock clock) {
    this.store = store;
    this.leases = store.leases();
    this.profiles = profiles;
    this.settings = settings;
    this.margin = settings.tick();
    this.clock = clock;
  }

  /** Joins the cluster: heartbeats and takes work from now on. */
  public synchronized void start() {
    if (thread == null) {
      thread = Thread.ofVirtual().name("cluster-" + settings.nodeId()).start(this::loop);
      renewals = Thread.ofVirtual().name("leases-" + settings.nodeId()).start(this::renewalLoop);
      LOG.info(
          "Node {} joined the cluster (leases of {} s)",
          settings.nodeId(),
          settings.leaseDuration().toSeconds());
    }
  }

  /** Runs a tick soon (an activation on this node should not wait for the next one). */
  public void wake() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /**
   * Renews the leases and heartbeats, every tick, on a thread of its own: the work of a tick (a
   * profile starting here describes its entities and prepares its destination) may take longer than
   * a lease lasts.
   */
  private void renewalLoop() {
    while (!stopped) {
      try {
        renewAll();
        heartbeat();
      } catch (RuntimeException e) {
        LOG.warn("Node {} could not renew or heartbeat: {}", settings.nodeId(), e.toString());
        dropUnrenewed();
      }
      LockSupport.parkNanos(settings.tick().toNanos());
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.warn("Cluster tick of node {} failed: {}", settings.nodeId(), e.toString());
      }
      synchronized (wake) {
        if (!stopped) {
          try {
            wake.wait(settings.tick().toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /** One round of the work above; package-visible for tests. */
  synchronized void tick() {
    if (stopped) {
      return;
    }
    Instant before = clock.baseInstant();
    long asked = System.nanoTime();
    ClusterView view = store.nodes().view();
    setClock(before, System.nanoTime() - asked, view.now());
    List<ClusterNode> live = liveOthers(view);
    Map<String, NodeReport> others = new HashMap<>();
    live.forEach(node -> NodeReport.parse(node.details()).ifPresent(r -> others.put(node.id(), r)));
    Map<String, StoredProfile> active = new HashMap<>();
    for (StoredProfile stored : store.profiles()) {
      if (stored.state() == ProfileState.ACTIVE) {
        active.put(stored.id(), stored);
      }
    }
    Set<String> here = new TreeSet<>(profiles.running().keySet());
    held.keySet().forEach(name -> here.add(profileOf(name)));
    for (String id : here) {
      if (!active.containsKey(id)) {
        giveUpProfile(id);
        if (profiles.running().containsKey(id)) {
          profiles.stopLocal(id);
        }
      }
    }
    Map<String, ProfileRuntime> runtimes = new HashMap<>();
    int wantedReaders = 0;
    for (StoredProfile stored : active.values()) {
      Optional<ProfileRuntime> runtime = profiles.ensureRunning(stored);
      if (runtime.isPresent()) {
        runtimes.put(stored.id(), runtime.get());
        wantedReaders += runtime.get().wantedEntities().size();
      }
    }
    dropUnwanted(runtimes);
    Map<String, Lease> current = new HashMap<>();
    leases.list("").forEach(lease -> current.put(lease.name(), lease));
    ReaderBalance.Shares shares = ReaderBalance.Shares.of(wantedReaders, live.size() + 1);
    for (Map.Entry<String, ProfileRuntime> entry : runtimes.entrySet()) {
      String id = entry.getKey();
      ProfileRuntime runtime = entry.getValue();
      lead(id, runtime, current, view.now());
      Map<String, Long> published = new HashMap<>();
      runtime
          .wantedEntities()
          .forEach(entity -> published.put(entity, runtime.metrics().publishedCount(entity)));
      Map<String, EntitySyncState> states = new HashMap<>();
      store.entityStates(id).forEach(state -> states.put(state.entity(), state));
      forgetHandledElsewhere(runtime, published, states);
      for (String entity : runtime.wantedEntities()) {
        String name = READER + id + "/" + entity;
        LeaseFence fence = held.get(name);
        boolean free = fence == null && free(current.get(name), view.now());
        if (free && readerCount() < balance.allowed(name, shares)) {
          fence = acquire(name);
          if (fence != null) {
            runtime.startReader(entity, fence);
          }
        }
        if (fence != null) {
          reexportWhenAsked(id, entity, runtime, fence, states.get(entity));
        }
      }
    }
    balance.endTick();
    balance
        .toHandOver(settings.nodeId(), shares, holdings(runtimes.keySet(), others, current, view))
        .ifPresent(
            name -> {
              LOG.info("Node {} hands {} over (above its share)", settings.nodeId(), name);
              release(name);
            });
  }

  /**
   * Sets this node's clock by the store's, read in this tick; says so when this node's own clock is
   * more than {@link #CLOCK_OFF} off (and again when it is back within half of that).
   */
  private void setClock(Instant before, long roundTripNanos, Instant storeNow) {
    Duration offset = clock.measured(before, roundTripNanos, storeNow);
    clockMeasured = true;
    Duration off = offset.abs();
    if (!clockOff && off.compareTo(CLOCK_OFF) > 0) {
      clockOff = true;
      LOG.warn(
          "Node {}'s clock is {} s {} the store's: the node tells time by the store's clock."
              + " Synchronise the nodes' clocks (NTP) so that their logs agree too.",
          settings.nodeId(),
          Math.round(off.toMillis() / 1000.0),
          offset.isNegative() ? "ahead of" : "behind");
    } else if (clockOff && off.compareTo(CLOCK_OFF.dividedBy(2)) <= 0) {
      clockOff = false;
      LOG.info("Node {}'s clock agrees with the store's again", settings.nodeId());
    }
  }

  /**
   * Tells the profile's live metrics what the store's counters say is handled: the writers of every
   * node apply what this node's readers published, and only this node counts those changes as
   * waiting (for the lag it reports).
   *
   * @param publishedBefore what this node had published per entity before the counters were read
   */
  private static void forgetHandledElsewhere(
      ProfileRuntime runtime,
      Map<String, Long> publishedBefore,
      Map<String, EntitySyncState> states) {
    publishedBefore.forEach(
        (entity, published) -> {
          EntitySyncState state = states.get(entity);
          if (state != null) {
            long handled = state.succeededNotifications() + state.failedNotifications();
            long waiting = Math.max(0, state.totalNotifications() - handled);
            runtime.metrics().handledElsewhere(entity, published, waiting);
          }
        });
  }

  /**
   * The profile of a lease name: {@code reader/<profile>/<entity>} or {@code profile/<profile>}.
   */
  static String profileOf(String leaseName) {
    return leaseName.split("/", 3)[1];
  }

  /** The entity of a reader lease name, {@code reader/<profile>/<entity>}. */
  private static String entityOf(String readerLease) {
    return readerLease.split("/", 3)[2];
  }

  /** The other nodes that heartbeat within a lease's time, by the store's clock. */
  private List<ClusterNode> liveOthers(ClusterView view) {
    Instant since = view.now().minus(settings.silence());
    List<ClusterNode> live = new ArrayList<>();
    for (ClusterNode node : view.nodes()) {
      if (!node.id().equals(settings.nodeId()) && node.heartbeatAt().isAfter(since)) {
        live.add(node);
      }
    }
    return live;
  }

  /**
   * What each live node holds and runs, for the balancing: its readers by the store's leases (a
   * node's report may be a tick older than a lease it just took), and the profiles running on it by
   * its report (this node's: {@code runningHere}).
   */
  private Map<String, NodeReport> holdings(
      Set<String> runningHere,
      Map<String, NodeReport> others,
      Map<String, Lease> current,
      ClusterView view) {
    Map<String, List<String>> readers = new HashMap<>();
    readers.put(settings.nodeId(), new ArrayList<>());
    others.keySet().forEach(id -> readers.put(id, new ArrayList<>()));
    for (Lease lease : current.values()) {
      List<String> ofHolder = readers.get(lease.holder());
      if (lease.name().startsWith(READER)
          && ofHolder != null
          && !free(lease, view.now())
          && !lease.holder().equals(settings.nodeId())) {
        ofHolder.add(lease.name().substring(READER.length()));
      }
    }
    held.keySet().stream()
        .filter(name -> name.startsWith(READER))
        .forEach(name -> readers.get(settings.nodeId()).add(name.substring(READER.length())));
    Map<String, NodeReport> nodes = new HashMap<>();
    others.forEach(
        (id, report) ->
            nodes.put(id, new NodeReport(readers.get(id), null, report.profiles(), null, null)));
    nodes.put(
        settings.nodeId(),
        new NodeReport(readers.get(settings.nodeId()), null, List.copyOf(runningHere), null, null));
    return nodes;
  }

  private static boolean free(Lease lease, Instant now) {
    return lease == null || !lease.expiresAt().isAfter(now);
  }

  private void lead(String id, ProfileRuntime runtime, Map<String, Lease> current, Instant now) {
    String name = LEAD + id;
    LeaseFence fence = held.get(name);
    if (fence == null && free(current.get(name), now)) {
      fence = acquire(name);
    }
    if (fence != null) {
      runtime.lead();
    } else if (runtime.leading()) {
      runtime.stopLeading();
    }
  }

  private LeaseFence acquire(String name) {
    LeaseFence fence;
    synchronized (leaseLock) {
      long started = System.nanoTime();
      Optional<Lease> lease = leases.acquire(name, settings.nodeId(), settings.leaseDuration());
      if (lease.isEmpty()) {
        return null;
      }
      fence = new LeaseFence(lease.get(), started, settings.leaseDuration(), margin);
      held.put(name, fence);
    }
    Lease lease = fence.lease();
    LOG.info("Node {} took {} (token {})", settings.nodeId(), name, lease.token());
    return fence;
  }

  private void renewAll() {
    synchronized (leaseLock) {
      renewHeld();
    }
  }

  private void renewHeld() {
    for (Map.Entry<String, LeaseFence> entry : List.copyOf(held.entrySet())) {
      LeaseFence fence = entry.getValue();
      long started = System.nanoTime();
      Optional<Lease> renewed;
      try {
        renewed = leases.renew(fence.lease(), settings.leaseDuration());
      } catch (RuntimeException e) {
        LOG.warn("Could not renew {}: {}", entry.getKey(), e.toString());
        continue; // dropUnrenewed stops the work once the lease may have lapsed
      }
      if (renewed.isPresent()) {
        fence.renewed(started);
      } else {
        LOG.warn("Node {} lost {} to another node", settings.nodeId(), entry.getKey());
        stopWork(entry.getKey(), fence);
      }
    }
    dropUnrenewed();
  }

  /** Stops the work of every lease this node could not renew in time. */
  private void dropUnrenewed() {
    for (Map.Entry<String, LeaseFence> entry : List.copyOf(held.entrySet())) {
      if (!entry.getValue().holds()) {
        LOG.warn(
            "Node {} could not renew {} in time; stopping its work",
            settings.nodeId(),
            entry.getKey());
        stopWork(entry.getKey(), entry.getValue());
      }
    }
  }

  private void stopWork(String name, LeaseFence fence) {
    fence.lose();
    held.remove(name);
    ProfileRuntime runtime = profiles.running().get(profileOf(name));
    if (runtime == null) {
      return;
    }
    if (name.startsWith(READER)) {
      runtime.stopReader(entityOf(name));
    } else {
      runtime.stopLeading();
    }
  }

  private void reexportWhenAsked(
      String id, String entity, ProfileRuntime runtime, LeaseFence fence, EntitySyncState state) {
    if (state == null || state.reexportRequestedAt() == null) {
      return;
    }
    LOG.info("Re-exporting {} of profile {} as asked", entity, id);
    runtime.resync(entity, fence);
    store.clearReexportRequest(id, entity, state.reexportRequestedAt());
  }

  /**
   * Releases the readers of entities a profile no longer reads, and every lease of a profile that
   * does not run here now (it could not start: another node may be able to).
   */
  private void dropUnwanted(Map<String, ProfileRuntime> runtimes) {
    for (String name : List.copyOf(held.keySet())) {
      ProfileRuntime runtime = runtimes.get(profileOf(name));
      boolean wanted =
          runtime != null
              && (name.startsWith(LEAD) || runtime.wantedEntities().contains(entityOf(name)));
      if (!wanted) {
        release(name);
      }
    }
  }

  /**
   * Stops the lease's work, gives a reader a moment to finish its page, heartbeats without the
   * lease, then releases it. Releasing before a slow page ended is safe: the fence was lost first,
   * so the old reader can neither publish nor save its cursor once another node holds the lease.
   */
  private void release(String name) {
    synchronized (leaseLock) {
      releaseHeld(name);
    }
  }

  private void releaseHeld(String name) {
    LeaseFence fence = held.get(name);
    if (fence == null) {
      return;
    }
    stopWork(name, fence);
    ProfileRuntime runtime = profiles.running().get(profileOf(name));
    if (runtime != null && name.startsWith(READER)) {
      runtime.awaitReaderEnd(entityOf(name), settings.tick().dividedBy(2));
    }
    try {
      // the heartbeat first: once released, another node may take the lease at once, and this
      // node's last heartbeat must not still report it
      heartbeatHeld();
    } catch (RuntimeException e) {
      LOG.warn("Node {} could not heartbeat before releasing {}: {}", settings.nodeId(), name, e);
    }
    try {
      leases.release(fence.lease());
    } catch (RuntimeException e) {
      LOG.warn("Could not release {} (it lapses by itself): {}", name, e.toString());
    }
  }

  /** Gives up every lease of a profile that stops here. */
  private void giveUpProfile(String id) {
    for (String name : List.copyOf(held.keySet())) {
      if (name.equals(LEAD + id) || name.startsWith(READER + id + "/")) {
        release(name);
      }
    }
  }

  private int readerCount() {
    return (int) held.keySet().stream().filter(name -> name.startsWith(READER)).count();
  }

  private void heartbeat() {
    // under the lease lock, so that a release cannot fall between the report and its write: a
    // heartbeat never shows a reader this node has already handed over
    synchronized (leaseLock) {
      heartbeatHeld();
    }
  }

  private void heartbeatHeld() {
    NodeReport report = report(profiles.running());
    NodeReport sent = report.fitted(ClusterNodes.MAX_DETAILS_BYTES);
    boolean leftOut = sent != report;
    if (leftOut && !figuresLeftOut) {
      LOG.warn(
          "Node {} leaves its throughput, lag and reader errors out of its heartbeat: they exceed"
              + " {} bytes. Statuses answered by other nodes miss this node's part.",
          settings.nodeId(),
          ClusterNodes.MAX_DETAILS_BYTES);
    }
    figuresLeftOut = leftOut;
    store.nodes().heartbeat(settings.nodeId(), settings.address(), sent.toJson());
  }

  /**
   * What this node and the other live nodes report now, for a profile's status ({@link
   * ClusterFigures}): this node's own report made now, first, then the other live nodes' last
   * heartbeats (a node whose report cannot be read is left out: nothing known of it).
   */
  public List<NodeReading> readings() {
    ClusterView view = store.nodes().view();
    List<NodeReading> readings = new ArrayList<>();
    readings.add(new NodeReading(settings.nodeId(), report(profiles.running()), Duration.ZERO));
    for (ClusterNode node : liveOthers(view)) {
      NodeReport.parse(node.details())
          .ifPresent(
              report ->
                  readings.add(
                      new NodeReading(
                          node.id(), report, Duration.between(node.heartbeatAt(), view.now()))));
    }
    return readings;
  }

  /**
   * What this node reports: its readers, the profiles it leads, its bus partitions, and what it
   * knows of its profiles' entities.
   */
  private NodeReport report(Map<String, ProfileRuntime> runtimes) {
    List<String> readers = new ArrayList<>();
    List<String> leading = new ArrayList<>();
    for (String name : new TreeSet<>(held.keySet())) {
      if (name.startsWith(READER)) {
        readers.add(name.substring(READER.length()));
      } else {
        leading.add(name.substring(LEAD.length()));
      }
    }
    SortedMap<String, List<Integer>> partitions = new TreeMap<>();
    SortedMap<String, SortedMap<String, EntityFigures>> entities = new TreeMap<>();
    runtimes.forEach(
        (id, runtime) -> {
          partitions.put(id, new TreeSet<>(runtime.partitions()).stream().toList());
          SortedMap<String, EntityFigures> known = EntityFigures.known(runtime);
          if (!known.isEmpty()) {
            entities.put(id, known);
          }
        });
    return new NodeReport(
        readers,
        leading,
        List.copyOf(partitions.keySet()),
        partitions,
        entities,
        clockMeasured ? clock.offset().negated().toMillis() : null);
  }

  /**
   * Waits until no other live node runs the profile any more (it was deactivated or is being
   * deleted), up to {@code timeout}.
   *
   * @return whether they all stopped
   */
  public boolean awaitStoppedElsewhere(String profileId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean runsElsewhere = false;
      ClusterView view = store.nodes().view();
      for (ClusterNode node : liveOthers(view)) {
        if (runningOn(node, profileId)) {
          runsElsewhere = true;
        }
      }
      if (!runsElsewhere) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
  }

  private static boolean runningOn(ClusterNode node, String profileId) {
    // unreadable: assume the worst
    return NodeReport.parse(node.details())
        .map(report -> report.profiles().contains(profileId))
        .orElse(true);
  }

  /** This node's part in the cluster. */
  public ClusterSettings settings() {
    return settings;
  }

  /** The names of the leases this node holds now. */
  public Set<String> heldLeases() {
    return Set.copyOf(held.keySet());
  }

  /**
   * Leaves the cluster: stops its readers and lead duties, releases its leases so other nodes take
   * them at their next tick, and removes its heartbeat.
   */
  @Override
  public void close() {
    stopped = true;
    wake();
    for (Thread running : new Thread[] {thread, renewals}) {
      if (running == null) {
        continue;
      }
      LockSupport.unpark(running);
      try {
        running.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      List.copyOf(held.keySet()).forEach(this::release);
      try {
        store.nodes().leave(settings.nodeId());
      } catch (RuntimeException e) {
        LOG.warn("Could not remove node {}'s heartbeat: {}", settings.nodeId(), e.toString());
      }
    }
    LOG.info("Node {} left the cluster", settings.nodeId());
  }
}
