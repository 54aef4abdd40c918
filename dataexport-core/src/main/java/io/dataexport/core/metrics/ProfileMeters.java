package io.dataexport.core.metrics;

import io.dataexport.core.status.EntityStatus;
import io.dataexport.core.status.ProfileStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the status of every profile as meters, tagged {@code profile} (its id) and {@code
 * entity}: the DES counters ({@code dataexport.notifications} received, {@code
 * dataexport.notifications.succeeded}, {@code dataexport.notifications.failed}), gauges of pending
 * and parked notifications, lag, throughput and initial-sync progress; per profile the failure-log
 * size and an info gauge carrying its name and state. {@link #update} brings the meters in line
 * with fresh statuses (before each scrape); meters of profiles and entities gone are removed.
 * Thread-safe.
 */
public final class ProfileMeters {
  private record Key(String profileId, String entity) {}

  private final MeterRegistry registry;
  private final Map<Key, List<Meter>> entityMeters = new HashMap<>();
  private final Map<String, List<Meter>> profileMeters = new HashMap<>();
  private final Map<String, Tags> profileInfo = new HashMap<>();
  private volatile Map<Key, EntityStatus> entities = Map.of();
  private volatile Map<String, ProfileStatus> profiles = Map.of();

  public ProfileMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Makes the meters show these statuses (every profile's). */
  public synchronized void update(List<ProfileStatus> statuses) {
    Map<Key, EntityStatus> nextEntities = new HashMap<>();
    Map<String, ProfileStatus> nextProfiles = new HashMap<>();
    for (ProfileStatus status : statuses) {
      nextProfiles.put(status.profile().id(), status);
      for (EntityStatus entity : status.entities()) {
        nextEntities.put(new Key(status.profile().id(), entity.name()), entity);
      }
    }
    entities = nextEntities;
    profiles = nextProfiles;
    for (Key key : List.copyOf(entityMeters.keySet())) {
      if (!nextEntities.containsKey(key)) {
        entityMeters.remove(key).forEach(registry::remove);
      }
    }
    nextEntities.keySet().forEach(key -> entityMeters.computeIfAbsent(key, this::register));
    for (String id : List.copyOf(profileMeters.keySet())) {
      ProfileStatus status = nextProfiles.get(id);
      if (status == null || !infoTags(status).equals(profileInfo.get(id))) {
        profileMeters.remove(id).forEach(registry::remove);
        profileInfo.remove(id);
      }
    }
    for (ProfileStatus status : nextProfiles.values()) {
      profileMeters.computeIfAbsent(status.profile().id(), id -> register(status));
    }
  }

  private List<Meter> register(Key key) {
    Tags tags = Tags.of(SyncMeters.PROFILE, key.profileId(), SyncMeters.ENTITY, key.entity());
    List<Meter> meters = new ArrayList<>();
    meters.add(
        counter(
            "dataexport.notifications", "Notifications received", tags, key, EntityStatus::total));
    meters.add(
        counter(
            "dataexport.notifications.succeeded",
            "Notifications applied",
            tags,
            key,
            EntityStatus::succeeded));
    meters.add(
        counter(
            "dataexport.notifications.failed",
            "Notifications given up after their tries (in the failure log)",
            tags,
            key,
            EntityStatus::failed));
    meters.add(
        gauge(
            "dataexport.notifications.pending",
            "Notifications neither applied nor given up: on the bus or parked",
            null,
            tags,
            key,
            EntityStatus::pending));
    meters.add(
        gauge(
            "dataexport.notifications.parked",
            "Notifications waiting for a retry",
            null,
            tags,
            key,
            EntityStatus::parked));
    meters.add(
        gauge(
            "dataexport.lag",
            "Age of the oldest change not applied yet",
            "seconds",
            tags,
            key,
            s -> s.lag().toMillis() / 1000.0));
    meters.add(
        gauge(
            "dataexport.throughput",
            "Notifications applied per second, averaged over the last minute",
            null,
            tags,
            key,
            EntityStatus::throughput));
    meters.add(
        gauge(
            "dataexport.initial.sync.progress",
            "Initial sync progress from 0 to 1 (-1 while the source's row count is unknown)",
            null,
            tags,
            key,
            EntityStatus::initialSyncProgress));
    meters.add(
        gauge(
            "dataexport.initial.sync.rows.read",
            "Rows read by the current initial sync",
            null,
            tags,
            key,
            EntityStatus::rowsRead));
    return meters;
  }

  private List<Meter> register(ProfileStatus status) {
    String id = status.profile().id();
    Tags info = infoTags(status);
    profileInfo.put(id, info);
    List<Meter> meters = new ArrayList<>();
    meters.add(
        Gauge.builder("dataexport.profile.info", () -> 1)
            .description("A profile's name and state (value 1)")
            .tags(info)
            .register(registry));
    meters.add(
        Gauge.builder(
                "dataexport.failure.log.records",
                () -> {
                  ProfileStatus current = profiles.get(id);
                  return current == null ? 0 : current.failureLogRecords();
                })
            .description("Records in the profile's failure log")
            .tags(Tags.of(SyncMeters.PROFILE, id))
            .register(registry));
    return meters;
  }

  private static Tags infoTags(ProfileStatus status) {
    return Tags.of(
        SyncMeters.PROFILE,
        status.profile().id(),
        "name",
        status.profile().name(),
        "state",
        status.profile().state().wireName());
  }

  private Meter counter(
      String name, String description, Tags tags, Key key, ToDoubleFunction<EntityStatus> value) {
    return FunctionCounter.builder(name, key, k -> valueOf(k, value))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  private Meter gauge(
      String name,
      String description,
      String baseUnit,
      Tags tags,
      Key key,
      ToDoubleFunction<EntityStatus> value) {
    return Gauge.builder(name, key, k -> valueOf(k, value))
        .description(description)
        .baseUnit(baseUnit)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private double valueOf(Key key, ToDoubleFunction<EntityStatus> value) {
    EntityStatus status = entities.get(key);
    return status == null ? Double.NaN : value.applyAsDouble(status);
  }
}
