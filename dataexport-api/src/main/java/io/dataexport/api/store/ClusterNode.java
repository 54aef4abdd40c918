package io.dataexport.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One node of a cluster as its heartbeats left it in the store.
 *
 * @param id the node's id ({@code node.id})
 * @param address where its API answers, or null
 * @param startedAt its first heartbeat since its row was made (by the store's clock)
 * @param heartbeatAt its latest heartbeat (by the store's clock)
 * @param details the opaque JSON text it reported last (readers and partitions held), or null
 */
public record ClusterNode(
    String id, String address, Instant startedAt, Instant heartbeatAt, String details) {
  public ClusterNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(heartbeatAt, "heartbeatAt");
  }
}
