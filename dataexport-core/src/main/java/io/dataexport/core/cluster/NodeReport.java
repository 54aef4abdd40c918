package io.dataexport.core.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a node reports holding and knowing in each heartbeat ({@link
 * io.dataexport.api.store.ClusterNode#details()}, as JSON): written by its {@link
 * ClusterCoordinator}, read by the other nodes' coordinators (to balance readers, to wait for a
 * profile to stop), by {@code GET /api/v1/cluster} and by a profile's status ({@link
 * ClusterFigures}). A report written by another version reads too: a field it lacks reads as
 * nothing held or known, one it has that this version does not know is ignored.
 *
 * @param readers the readers it runs, as {@code <profile>/<entity>}, sorted
 * @param leading the profiles whose retries, sweeps and failure resync it runs, sorted
 * @param profiles the profiles running on it (their writers), sorted
 * @param partitions the bus partitions its writer holds, per profile
 * @param entities what it knows per profile and entity that the store does not keep (throughput,
 *     lag, reader error); only the entities it has something to tell of
 * @param clockOffsetMillis how far its own clock is off the store's (negative: behind), which it
 *     corrects for ({@link StoreClock}); null until measured
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeReport(
    List<String> readers,
    List<String> leading,
    List<String> profiles,
    SortedMap<String, List<Integer>> partitions,
    SortedMap<String, SortedMap<String, EntityFigures>> entities,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long clockOffsetMillis) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public NodeReport {
    readers = readers == null ? List.of() : List.copyOf(readers);
    leading = leading == null ? List.of() : List.copyOf(leading);
    profiles = profiles == null ? List.of() : List.copyOf(profiles);
    partitions =
        Collections.unmodifiableSortedMap(partitions == null ? new TreeMap<>() : partitions);
    entities = Collections.unmodifiableSortedMap(entities == null ? new TreeMap<>() : entities);
  }

  /** A report that says nothing of the node's clock. */
  public NodeReport(
      List<String> readers,
      List<String> leading,
      List<String> profiles,
      SortedMap<String, List<Integer>> partitions,
      SortedMap<String, SortedMap<String, EntityFigures>> entities) {
    this(readers, leading, profiles, partitions, entities, null);
  }

  /** A node that holds and knows nothing (or whose report cannot be read). */
  public static NodeReport empty() {
    return new NodeReport(null, null, null, null, null);
  }

  /** Whether the node runs the entity's change reader. */
  public boolean reads(String profileId, String entity) {
    return readers.contains(profileId + "/" + entity);
  }

  /** What the node knows of one entity of a profile; empty when nothing. */
  public Optional<EntityFigures> figures(String profileId, String entity) {
    SortedMap<String, EntityFigures> ofProfile = entities.get(profileId);
    return Optional.ofNullable(ofProfile == null ? null : ofProfile.get(entity));
  }

  /**
   * The report, or when its JSON is longer than {@code maxBytes} the report without its {@link
   * #entities()}: what a node holds matters to the cluster's work, what it knows only to statuses.
   */
  NodeReport fitted(int maxBytes) {
    if (toJson().getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return this;
    }
    return new NodeReport(readers, leading, profiles, partitions, null, clockOffsetMillis);
  }

  /** The report as heartbeat details. */
  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a node report is plain lists and maps", e);
    }
  }

  /**
   * A node's heartbeat details read back.
   *
   * @return empty when there are none or they cannot be read
   */
  public static Optional<NodeReport> parse(String details) {
    if (details == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(details, NodeReport.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
