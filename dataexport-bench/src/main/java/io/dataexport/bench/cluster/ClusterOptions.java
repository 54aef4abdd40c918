package io.dataexport.bench.cluster;

import io.dataexport.bench.stores.SharedStores;
import java.util.List;
import java.util.Map;

/**
 * The cluster scenario's sizes, as the command line gives them (see {@code BenchOptions}).
 *
 * @param nodes the cluster sizes, e.g. 1, 2, 3
 * @param rows rows of the initial sync across the four entities
 * @param latencyRate changes per second of the latency workload
 * @param offeredRate changes per second offered by the throughput workload (more than the pipeline
 *     takes, so that it measures the pipeline)
 * @param seconds duration of each workload
 * @param runs repetitions
 * @param partitions {@code bus.partitions} of the clusters' topics
 * @param heap {@code -Xmx} of every node process
 * @param leaseSeconds {@code cluster.leaseSeconds} of the clusters' nodes
 */
public record ClusterOptions(
    List<Integer> nodes,
    int rows,
    double latencyRate,
    double offeredRate,
    int seconds,
    int runs,
    int partitions,
    String heap,
    int leaseSeconds) {

  public ClusterOptions {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("at least one cluster size");
    }
  }

  /** The keys every node's YAML file gets beyond its id, data directory and API address. */
  Map<String, String> nodeSettings(boolean embedded) {
    return embedded ? Map.of() : Map.of("cluster.leaseSeconds", Integer.toString(leaseSeconds));
  }

  /** The service's defaults where the command line leaves them. */
  public static int defaultPartitions() {
    return SharedStores.DEFAULT_PARTITIONS;
  }
}
