package io.dataexport.core.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * A live node's report as one node read it: its own, made just now, or another node's last
 * heartbeat.
 *
 * @param nodeId the node's id
 * @param report what it holds and knows
 * @param age how long ago the node made the report: zero for the reading node's own, else the
 *     store's clock now less the heartbeat's time (so nodes whose clocks differ agree on it)
 */
public record NodeReading(String nodeId, NodeReport report, Duration age) {
  public NodeReading {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(report, "report");
    age = age.isNegative() ? Duration.ZERO : age;
  }
}
