package io.dataexport.server.config;

import java.time.Duration;

/**
 * Cluster mode (SPEC §8): a node whose store is shared (PostgreSQL) is one node of a cluster with
 * every other node on that store. It must then share the bus and the blobs too, so this refuses an
 * embedded bus or local blobs with a shared store, saying what to change.
 *
 * @param enabled whether the store is shared, so this node runs as a node of a cluster
 * @param leaseDuration {@code cluster.leaseSeconds}: how long a node's leases hold without renewal,
 *     so how soon another node takes over the work of one that died (15 s by default)
 */
public record ClusterConfig(boolean enabled, Duration leaseDuration) {
  static ClusterConfig read(ConfigReader reader, StoreConfig store) {
    int seconds = reader.integer(ConfigKeys.CLUSTER_LEASE_SECONDS, 3, 300, 15);
    return new ClusterConfig(store.isShared(), Duration.ofSeconds(seconds));
  }

  /** Refuses what cannot work in a cluster: with a shared store, a node-local bus or blob store. */
  void check(BusConfig bus, BlobsConfig blobs, ConfigReader reader) {
    if (!enabled) {
      return;
    }
    if (bus.type().equals(BusConfig.EMBEDDED)) {
      reader.problem(
          ConfigKeys.BUS_TYPE,
          "is embedded, which keeps notifications on this node's disk, but store.url is a shared"
              + " PostgreSQL store, so this node runs in a cluster whose nodes must share the bus:"
              + " set bus.type: kafka and bus.bootstrapServers (or use a jdbc:sqlite: store for a"
              + " single node).");
    }
    if (blobs.type().equals("local")) {
      reader.problem(
          ConfigKeys.BLOBS_TYPE,
          "is local, which keeps parked notifications on this node's disk, but store.url is a"
              + " shared PostgreSQL store, so this node runs in a cluster whose nodes must share"
              + " the blobs: set blobs.type: s3 or azure with its settings (or use a jdbc:sqlite:"
              + " store for a single node).");
    }
  }
}
