package io.dataexport.core.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * This node's part in a cluster (SPEC §8).
 *
 * @param nodeId the node's name, unique in the cluster
 * @param address where its API listens, as other nodes and administrators reach it
 * @param leaseDuration how long a lease holds without renewal ({@code cluster.leaseSeconds}): a
 *     dead node's work moves within this and one {@link #tick()}
 */
public record ClusterSettings(String nodeId, String address, Duration leaseDuration) {
  public ClusterSettings {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(address, "address");
    if (leaseDuration.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("a lease must last at least 3 seconds");
    }
  }

  /**
   * How often the node heartbeats, renews its leases and looks for work: a third of a lease, so two
   * renewals can fail before a lease lapses.
   */
  public Duration tick() {
    return leaseDuration.dividedBy(3);
  }

  /** After how long without a heartbeat a node counts as gone. */
  public Duration silence() {
    return leaseDuration;
  }
}
