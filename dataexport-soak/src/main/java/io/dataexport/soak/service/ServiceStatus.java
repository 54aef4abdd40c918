package io.dataexport.soak.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the soak reads from {@code GET /profiles/{id}/status}: the counters and sync states per
 * entity.
 *
 * @param entities one entry per exported entity, as the service lists them
 */
public record ServiceStatus(List<EntityCounters> entities) {

  /**
   * One entity's part of the status.
   *
   * @param name the entity's logical name
   * @param initialSyncState {@code notStarted}, {@code inProgress}, {@code completed} or {@code
   *     completedWithFailures}
   * @param resyncInProgress whether a full re-export runs
   * @param progress how far the initial sync has come, 0 to 1; 1 once completed, 0 while unknown
   * @param total notifications received
   * @param succeeded of which applied
   * @param failed of which given up
   * @param pending of which not handled yet
   * @param parked of the pending, those waiting for a retry
   */
  public record EntityCounters(
      String name,
      String initialSyncState,
      boolean resyncInProgress,
      double progress,
      long total,
      long succeeded,
      long failed,
      long pending,
      long parked) {

    /** Whether the entity's initial sync (or a re-export) is over. */
    public boolean synced() {
      return initialSyncState.startsWith("completed") && !resyncInProgress;
    }

    /** Whether {@code total = succeeded + failed + pending}. */
    public boolean addsUp() {
      return total == succeeded + failed + pending;
    }
  }

  public ServiceStatus {
    entities = List.copyOf(entities);
  }

  static ServiceStatus of(JsonNode status) {
    List<EntityCounters> entities = new ArrayList<>();
    for (JsonNode e : status.path("entities")) {
      entities.add(
          new EntityCounters(
              e.path("name").asText(),
              e.path("initialSyncState").asText(),
              e.path("resyncInProgress").asBoolean(),
              progress(e),
              e.path("totalNotifications").asLong(),
              e.path("succeededNotifications").asLong(),
              e.path("failedNotifications").asLong(),
              e.path("pendingNotifications").asLong(),
              e.path("parkedNotifications").asLong()));
    }
    return new ServiceStatus(entities);
  }

  private static double progress(JsonNode entity) {
    if (entity.path("initialSyncState").asText().startsWith("completed")) {
      return 1;
    }
    return entity.path("initialSyncProgress").path("percent").asDouble(0) / 100;
  }

  /**
   * How far the running initial syncs and re-exports have come, 0 to 1: the mean over the entities
   * still syncing; 1 when none is.
   */
  public double initialSyncProgress() {
    return entities.stream()
        .filter(e -> !e.synced())
        .mapToDouble(EntityCounters::progress)
        .average()
        .orElse(1);
  }

  /** Whether an initial sync or a re-export runs (or none has begun yet). */
  public boolean initialSyncRunning() {
    return entities.isEmpty() || !entities.stream().allMatch(EntityCounters::synced);
  }

  /** Every entity synced and nothing pending: the service has nothing left to do. */
  public boolean idle() {
    return !initialSyncRunning() && entities.stream().allMatch(e -> e.pending() == 0);
  }
}
