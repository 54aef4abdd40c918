package io.dataexport.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The cluster's nodes as the store saw them at one moment.
 *
 * @param now the store's clock when the nodes were read: compare {@link ClusterNode#heartbeatAt()}
 *     with it, not with the reading node's clock
 * @param nodes every node that has a row, by id
 */
public record ClusterView(Instant now, List<ClusterNode> nodes) {
  public ClusterView {
    Objects.requireNonNull(now, "now");
    nodes = List.copyOf(nodes);
  }
}
