package io.dataexport.core.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In-memory figures of a running profile that the store does not keep: what is on its way, and
 * since when an entity has had changes waiting (its lag).
 */
public final class LiveMetrics {
  private final Clock clock;
  private final Map<String, Entity> entities = new ConcurrentHashMap<>();

  LiveMetrics(Clock clock) {
    this.clock = clock;
  }

  void published(String entity, int count) {
    Entity e = entity(entity);
    if (e.published.get() == e.applied.get()) {
      e.waitingSince.set(clock.instant());
    }
    e.published.addAndGet(count);
  }

  void applied(String entity, int count) {
    Entity e = entity(entity);
    if (e.applied.addAndGet(count) >= e.published.get()) {
      e.waitingSince.set(null);
    }
  }

  /** How long changes of the entity have been waiting to be applied; zero when none wait. */
  public Duration lag(String entity) {
    Instant since = entity(entity).waitingSince.get();
    return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
  }

  private Entity entity(String name) {
    return entities.computeIfAbsent(name, n -> new Entity());
  }

  private static final class Entity {
    final AtomicLong published = new AtomicLong();
    final AtomicLong applied = new AtomicLong();
    final AtomicReference<Instant> waitingSince = new AtomicReference<>();
  }
}
