package io.dataexport.emulator.workload;

import java.util.List;
import java.util.Objects;

/**
 * What a change workload does.
 *
 * @param changesPerSecond target rate of changes (creates + updates + deletes) per second
 * @param createWeight relative share of creates
 * @param updateWeight relative share of updates
 * @param deleteWeight relative share of deletes
 * @param entities logical names of the entities to change; empty for every change-tracked entity
 * @param seed seed of the workload's random choices
 */
public record WorkloadSettings(
    double changesPerSecond,
    int createWeight,
    int updateWeight,
    int deleteWeight,
    List<String> entities,
    long seed) {

  public WorkloadSettings {
    Objects.requireNonNull(entities, "entities");
    entities = List.copyOf(entities);
    if (!(changesPerSecond > 0)) {
      throw new IllegalArgumentException(
          "changesPerSecond must be positive, was " + changesPerSecond);
    }
    if (createWeight < 0 || updateWeight < 0 || deleteWeight < 0) {
      throw new IllegalArgumentException("weights must be 0 or more");
    }
    if (createWeight + updateWeight + deleteWeight == 0) {
      throw new IllegalArgumentException(
          "at least one of the create, update and delete weights must be positive");
    }
  }

  /** 100 changes/s, 30% creates, 60% updates, 10% deletes, every change-tracked entity. */
  public static WorkloadSettings defaults() {
    return new WorkloadSettings(100, 3, 6, 1, List.of(), 7);
  }

  public WorkloadSettings withRate(double value) {
    return new WorkloadSettings(value, createWeight, updateWeight, deleteWeight, entities, seed);
  }

  public WorkloadSettings withMix(int creates, int updates, int deletes) {
    return new WorkloadSettings(changesPerSecond, creates, updates, deletes, entities, seed);
  }

  public WorkloadSettings withEntities(List<String> value) {
    return new WorkloadSettings(
        changesPerSecond, createWeight, updateWeight, deleteWeight, value, seed);
  }

  public WorkloadSettings withSeed(long value) {
    return new WorkloadSettings(
        changesPerSecond, createWeight, updateWeight, deleteWeight, entities, value);
  }
}
