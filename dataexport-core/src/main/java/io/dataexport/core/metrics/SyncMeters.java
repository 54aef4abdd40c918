package io.dataexport.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;

/**
 * The meters the pipeline records as it works: how long applying a batch of an entity's
 * notifications takes ({@code dataexport.apply}, a timer per profile and entity; a batch split to
 * isolate a record counts once), the rows a full read swept because the source no longer has them
 * ({@code dataexport.rows.swept}), the deletes the destination's version guard refused ({@code
 * dataexport.deletes.refused}) and the orphan blobs removed ({@code
 * dataexport.blobs.orphans.removed}, per profile). The counters the store keeps are published by
 * {@link ProfileMeters}. Thread-safe.
 */
public final class SyncMeters {
  /** The tag naming the profile (its id). */
  public static final String PROFILE = "profile";

  /** The tag naming the entity (its logical name). */
  public static final String ENTITY = "entity";

  private final MeterRegistry registry;

  public SyncMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Meters that go nowhere, for tests and tools that do not publish metrics. */
  public static SyncMeters none() {
    return new SyncMeters(new SimpleMeterRegistry());
  }

  /** The registry the meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Applying a batch of an entity's notifications took {@code duration}. */
  public void applied(String profileId, String entity, Duration duration) {
    Timer.builder("dataexport.apply")
        .description("Applying a batch of an entity's notifications to the destination")
        .tag(PROFILE, profileId)
        .tag(ENTITY, entity)
        .register(registry)
        .record(duration);
  }

  /** A full read of an entity ended by sweeping {@code rows} rows the source no longer has. */
  public void swept(String profileId, String entity, long rows) {
    counter("dataexport.rows.swept", "Rows a full read removed: the source no longer has them")
        .tag(PROFILE, profileId)
        .tag(ENTITY, entity)
        .register(registry)
        .increment(rows);
  }

  /** The destination refused {@code deletes} deletes of an entity: their rows are newer. */
  public void refusedDeletes(String profileId, String entity, long deletes) {
    counter(
            "dataexport.deletes.refused",
            "Deletes the destination's version guard refused because the row is newer")
        .tag(PROFILE, profileId)
        .tag(ENTITY, entity)
        .register(registry)
        .increment(deletes);
  }

  /**
   * The sweep of a profile's orphan blobs removed {@code blobs} blobs nothing referred to any more
   * (zero registers the counter, so it shows once the first sweep ran).
   */
  public void orphansRemoved(String profileId, long blobs) {
    counter(
            "dataexport.blobs.orphans.removed",
            "Blobs no notification or parked entry referred to any more, removed by the sweep")
        .tag(PROFILE, profileId)
        .register(registry)
        .increment(blobs);
  }

  private static Counter.Builder counter(String name, String description) {
    return Counter.builder(name).description(description);
  }

  /** Removes every meter of a profile (it was deleted). */
  public void forget(String profileId) {
    List<Meter> meters =
        registry.getMeters().stream()
            .filter(m -> profileId.equals(m.getId().getTag(PROFILE)))
            .toList();
    meters.forEach(registry::remove);
  }
}
