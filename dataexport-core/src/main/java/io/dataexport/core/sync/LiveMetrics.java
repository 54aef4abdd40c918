package io.dataexport.core.sync;

import io.dataexport.api.notification.SyncNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory figures of a running profile that the store does not keep: how old the oldest change
 * still on the bus is (the lag), and how many notifications per second are being applied.
 *
 * <p>Only notifications read since the profile started count for the lag: those left on the bus by
 * an earlier run are applied too, but are not known per entity, and counting their handling against
 * this run's reads would hide this run's backlog. Parked notifications are not on the bus; the
 * status adds their age from the store. In a cluster, other nodes' writers apply most of what this
 * node's readers publish: its coordinator tells it each tick how much the store's counters say is
 * handled ({@link #handledElsewhere}).
 */
public final class LiveMetrics {
  /** The window the throughput is averaged over. */
  static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(60);

  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, Entity> entities = new ConcurrentHashMap<>();

  LiveMetrics(Clock clock) {
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  /** Notifications read at {@code syncTime} went onto the bus. */
  void published(String entity, int count, Instant syncTime) {
    Entity e = entity(entity);
    synchronized (e) {
      e.published += count;
      e.waiting.addLast(new Published(e.published, syncTime));
    }
  }

  /** Notifications came off the bus and were handled: applied, parked or given up. */
  void handled(String entity, List<SyncNotification> notifications) {
    long count = notifications.stream().filter(n -> !n.syncTime().isBefore(startedAt)).count();
    Entity e = entity(entity);
    synchronized (e) {
      e.handled = Math.min(e.published, e.handled + count);
      e.forgetHandled();
    }
  }

  /**
   * The store's counters say every notification of the entity received so far is handled: whatever
   * this node still counts as waiting was handled elsewhere (in a cluster, by another node's
   * writer, which this node does not hear of) and no longer counts for the lag.
   */
  public void caughtUp(String entity) {
    Entity e = entity(entity);
    synchronized (e) {
      e.handled = e.published;
      e.waiting.clear();
    }
  }

  /** How many notifications of the entity this node has published since the profile started. */
  public long publishedCount(String entity) {
    Entity e = entity(entity);
    synchronized (e) {
      return e.published;
    }
  }

  /**
   * The store's counters say at most {@code waiting} notifications of the entity are not handled
   * yet, counted after this node had published {@code publishedBefore} of them ({@link
   * #publishedCount}, read before the counters): so at least {@code publishedBefore - waiting} of
   * those are handled, by this node's writer or (in a cluster) another node's, which this node does
   * not hear of. They stop counting for the lag, oldest first, like the ones this node handles.
   * Kept apart from this node's own count, which goes on adding what its writer handles: the two
   * overlap, and each alone never counts a change as handled too early.
   */
  public void handledElsewhere(String entity, long publishedBefore, long waiting) {
    Entity e = entity(entity);
    synchronized (e) {
      e.handledAnywhere =
          Math.max(e.handledAnywhere, Math.min(e.published, publishedBefore - waiting));
      e.forgetHandled();
    }
  }

  /** Notifications of the entity were applied (for the throughput). */
  void applied(String entity, int count) {
    if (count <= 0) {
      return;
    }
    long second = clock.instant().getEpochSecond();
    Entity e = entity(entity);
    synchronized (e) {
      int slot = (int) Math.floorMod(second, (long) e.perSecond.length);
      if (e.secondOf[slot] != second) {
        e.secondOf[slot] = second;
        e.perSecond[slot] = 0;
      }
      e.perSecond[slot] += count;
    }
  }

  /** When the oldest change of the entity still on the bus was read; null when none waits. */
  public Instant oldestWaiting(String entity) {
    Entity e = entity(entity);
    synchronized (e) {
      Published first = e.waiting.peekFirst();
      return first == null ? null : first.syncTime();
    }
  }

  /** How long the oldest change of the entity still on the bus has waited; zero when none. */
  public Duration lag(String entity) {
    Instant oldest = oldestWaiting(entity);
    return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
  }

  /** Notifications of the entity applied per second, averaged over the last minute. */
  public double throughput(String entity) {
    long now = clock.instant().getEpochSecond();
    Entity e = entity(entity);
    long sum = 0;
    synchronized (e) {
      for (int i = 0; i < e.perSecond.length; i++) {
        if (e.secondOf[i] > now - e.perSecond.length && e.secondOf[i] <= now) {
          sum += e.perSecond[i];
        }
      }
    }
    return (double) sum / THROUGHPUT_WINDOW.toSeconds();
  }

  private Entity entity(String name) {
    return entities.computeIfAbsent(name, n -> new Entity());
  }

  /** Everything published up to a running count, read at a time. */
  private record Published(long upTo, Instant syncTime) {}

  private static final class Entity {
    long published;
    long handled;
    // at least this many of the published are handled, by the store's counters (in a cluster)
    long handledAnywhere;
    final ArrayDeque<Published> waiting = new ArrayDeque<>();
    final long[] perSecond = new long[(int) THROUGHPUT_WINDOW.toSeconds()];
    final long[] secondOf = new long[(int) THROUGHPUT_WINDOW.toSeconds()];

    /** Drops what is handled from the waiting changes (the caller holds the entity's lock). */
    void forgetHandled() {
      long done = Math.max(handled, handledAnywhere);
      while (!waiting.isEmpty() && waiting.peekFirst().upTo() <= done) {
        waiting.removeFirst();
      }
    }
  }
}
