package io.dataexport.core.sync;

import io.dataexport.api.notification.SyncNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory figures of a running profile that the store does not keep: what is on its way, and
 * since when an entity has had changes waiting (its lag).
 *
 * <p>Only notifications read since the profile started count: those left on the bus by an earlier
 * run are applied too, but are not known per entity, and counting their application against this
 * run's reads would hide this run's backlog.
 */
public final class LiveMetrics {
  private final Clock clock;
  private final Instant startedAt;
  private final Map<String, Entity> entities = new ConcurrentHashMap<>();

  LiveMetrics(Clock clock) {
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  void published(String entity, int count) {
    Entity e = entity(entity);
    synchronized (e) {
      if (e.published == e.applied) {
        e.waitingSince = clock.instant();
      }
      e.published += count;
    }
  }

  void applied(String entity, List<SyncNotification> notifications) {
    long count = notifications.stream().filter(n -> !n.syncTime().isBefore(startedAt)).count();
    Entity e = entity(entity);
    synchronized (e) {
      e.applied = Math.min(e.published, e.applied + count);
      if (e.applied == e.published) {
        e.waitingSince = null;
      }
    }
  }

  /** How long changes of the entity have been waiting to be applied; zero when none wait. */
  public Duration lag(String entity) {
    Instant since;
    Entity e = entity(entity);
    synchronized (e) {
      since = e.waitingSince;
    }
    return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
  }

  /** Notifications of the entity read since the profile started and not yet applied. */
  public long pending(String entity) {
    Entity e = entity(entity);
    synchronized (e) {
      return e.published - e.applied;
    }
  }

  private Entity entity(String name) {
    return entities.computeIfAbsent(name, n -> new Entity());
  }

  private static final class Entity {
    long published;
    long applied;
    Instant waitingSince;
  }
}
