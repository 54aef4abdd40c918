package io.dataexport.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What a node reports holding in each heartbeat ({@link
 * io.dataexport.api.store.ClusterNode#details()}, as JSON): written by its {@link
 * ClusterCoordinator}, read by the other nodes' coordinators (to balance readers, to wait for a
 * profile to stop) and by {@code GET /api/v1/cluster}.
 *
 * @param readers the readers it runs, as {@code <profile>/<entity>}, sorted
 * @param leading the profiles whose retries, sweeps and failure resync it runs, sorted
 * @param profiles the profiles running on it (their writers), sorted
 * @param partitions the bus partitions its writer holds, per profile
 */
public record NodeReport(
    List<String> readers,
    List<String> leading,
    List<String> profiles,
    SortedMap<String, List<Integer>> partitions) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public NodeReport {
    readers = List.copyOf(readers);
    leading = List.copyOf(leading);
    profiles = List.copyOf(profiles);
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
