package io.dataexport.api.store;

import java.time.Duration;

/**
 * The nodes of a cluster as the shared store knows them: each node writes a heartbeat row, every
 * node reads them all (for {@code GET /api/v1/cluster} and to tell a live node from a dead one).
 * Times come from the store's clock, like the {@link Leases}', so nodes whose clocks differ still
 * agree which node fell silent. Obtained from {@link ConfigStore#nodes()}; thread-safe like the
 * store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public interface ClusterNodes {
  /** The most a node's {@code details} may hold, in UTF-8 bytes. */
  int MAX_DETAILS_BYTES = 64 * 1024;

  /**
   * Inserts or updates the node's row with {@code heartbeatAt} = the store's clock now; {@code
   * startedAt} is the time of the row's first heartbeat and stays while the row does.
   *
   * @param address where the node's API answers, or null when it does not say
   * @param details opaque JSON text the node reports (the readers and partitions it holds), or
   *     null; at most {@link #MAX_DETAILS_BYTES}
   * @throws IllegalArgumentException when {@code details} is longer
   */
  void heartbeat(String nodeId, String address, String details);

  /**
   * Every node that has a row, by id, with the store's clock time of the call (to judge staleness).
   */
  ClusterView view();

  /** Removes the node's row (graceful leave); nothing happens when it has none. */
  void leave(String nodeId);

  /**
   * Removes rows whose heartbeat is older than {@code olderThan} (by the store's clock).
   *
   * @return how many rows it removed
   */
  int forgetSilent(Duration olderThan);
}
