package io.dataexport.bench;

import io.dataexport.bench.cluster.ClusterOptions;
import io.dataexport.bench.stores.EmbeddedStores;
import io.dataexport.bench.stores.SharedStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The harness's command line. Sizes left unset take the {@code --quick} or the full default, see
 * {@code bench/README.md}.
 */
public final class BenchOptions {
  /** Every scenario, in the order they run. */
  public static final List<String> SCENARIOS =
      List.of(
          "writer-postgresql", "writer-mariadb", "initial-sync", "latency", "memory", "cluster");

  /** The choices of {@code --stores}. */
  public static final List<String> STORES =
      List.of(EmbeddedStores.NAME, SharedStores.NAME, BenchOptions.COMPARE);

  /** {@code --stores compare}: both kinds side by side. */
  static final String COMPARE = "compare";

  @Option(names = "--quick", description = "small sizes: every scenario in under 5 minutes")
  boolean quick;

  @Option(
      names = "--scenarios",
      split = ",",
      description =
          "scenarios to run, in this order (default: all): writer-postgresql, writer-mariadb,"
              + " initial-sync, latency, memory, cluster")
  List<String> scenarios = SCENARIOS;

  @Option(
      names = "--stores",
      paramLabel = "embedded|shared|compare",
      description =
          "the service's config & metrics store and blobs (default: embedded): embedded = SQLite"
              + " and a blob directory in its data directory; shared = PostgreSQL (a schema of its"
              + " own on --postgresql-url, a random store.encryptionKey), S3 (S3Proxy in a child"
              + " JVM) and the Kafka bus (a one-node KRaft broker in a child JVM), as a cluster"
              + " node runs; compare = initial-sync and latency run with both in every run, alternating"
              + " which goes first, and report shared / embedded against a 10 %% tolerance (memory"
              + " runs with embedded; the writer scenarios use no store)")
  String stores = EmbeddedStores.NAME;

  @Option(names = "--runs", description = "repetitions per scenario (medians are reported)")
  int runs = 3;

  @Option(names = "--writer-rows", description = "notifications per writer phase (PostgreSQL)")
  Integer writerRows;

  @Option(names = "--mariadb-rows", description = "notifications per writer phase (MariaDB)")
  Integer mariadbRows;

  @Option(names = "--batch-size", description = "notifications per apply, as the writer polls")
  int batchSize = 5000;

  @Option(names = "--sync-rows", description = "accounts in the emulator for the initial sync")
  Integer syncRows;

  @Option(names = "--rate", description = "changes per second in the latency scenario")
  double rate = 1000;

  @Option(names = "--seconds", description = "duration of the latency workload")
  Integer seconds;

  @Option(names = "--latency-runs", description = "repetitions of the latency scenario")
  Integer latencyRuns;

  @Option(
      names = "--memory-rows",
      split = ",",
      description = "accounts per initial sync of the memory scenario, one child JVM each")
  List<Long> memoryRows;

  @Option(names = "--memory-heap", description = "-Xmx of the memory scenario's child JVM")
  String memoryHeap = "256m";

  @Option(
      names = "--nodes",
      split = ",",
      description = "cluster sizes of the cluster scenario, each measured beside one embedded node")
  List<Integer> nodes = List.of(1, 2, 3);

  @Option(
      names = "--cluster-rows",
      description = "rows of the cluster scenario's initial sync, across four entities")
  Integer clusterRows;

  @Option(
      names = "--cluster-rate",
      description =
          "changes per second the cluster scenario's throughput workload offers (more than the"
              + " pipeline takes)")
  double clusterRate = 5000;

  @Option(
      names = "--cluster-seconds",
      description = "duration of each of the cluster scenario's workloads (latency, throughput)")
  Integer clusterSeconds;

  @Option(names = "--cluster-runs", description = "repetitions of the cluster scenario")
  Integer clusterRuns;

  @Option(
      names = "--partitions",
      description = "bus.partitions of the Kafka topics (cluster scenario and shared stores)")
  int partitions = SharedStores.DEFAULT_PARTITIONS;

  @Option(names = "--node-heap", description = "-Xmx of every node process (cluster scenario)")
  String nodeHeap = "512m";

  @Option(names = "--postgresql-url", description = "a database the harness may create a schema in")
  String postgresqlUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";

  @Option(names = "--postgresql-user", description = "a user who may create schemas")
  String postgresqlUser = "postgres";

  @Option(names = "--postgresql-password", description = "empty for none (trust)")
  String postgresqlPassword = "";

  @Option(names = "--mariadb-url", description = "server URL without database")
  String mariadbUrl = "jdbc:mariadb://127.0.0.1:3306/";

  @Option(names = "--mariadb-user", description = "a user who may create databases")
  String mariadbUser = "root";

  @Option(names = "--mariadb-password", description = "empty for none")
  String mariadbPassword = "";

  @Option(names = "--results", description = "directory of the JSON results")
  Path results = Path.of("bench/results");

  /**
   * What is wrong with the options, one line each, in the words of the command line; empty when
   * they can run.
   */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (String scenario : scenarios) {
      if (!SCENARIOS.contains(scenario)) {
        problems.add("--scenarios: unknown scenario '" + scenario + "'; choose from " + SCENARIOS);
      }
    }
    if (!STORES.contains(stores)) {
      problems.add("--stores: unknown choice '" + stores + "'; choose from " + STORES);
    }
    positive(problems, "--runs", runs);
    positive(problems, "--batch-size", batchSize);
    positive(problems, "--writer-rows", writerRows());
    positive(problems, "--mariadb-rows", mariadbRows());
    positive(problems, "--sync-rows", syncRows());
    positive(problems, "--seconds", seconds());
    if (latencyRuns != null) {
      positive(problems, "--latency-runs", latencyRuns);
    }
    if (!(rate > 0)) {
      problems.add("--rate: must be more than 0 changes per second, not " + rate);
    }
    for (int count : nodes) {
      positive(problems, "--nodes", count);
    }
    if (nodes.isEmpty()) {
      problems.add("--nodes: give at least one cluster size, e.g. 1,2,3");
    }
    positive(problems, "--cluster-rows", clusterRows());
    positive(problems, "--cluster-seconds", clusterSeconds());
    if (clusterRuns != null) {
      positive(problems, "--cluster-runs", clusterRuns);
    }
    positive(problems, "--partitions", partitions);
    if (!(clusterRate > 0)) {
      problems.add("--cluster-rate: must be more than 0 changes per second, not " + clusterRate);
    }
    for (long rows : memoryRows()) {
      positive(problems, "--memory-rows", rows);
    }
    return problems;
  }

  private static void positive(List<String> problems, String option, long value) {
    if (value < 1) {
      problems.add(option + ": must be at least 1, not " + value);
    }
  }

  int writerRows() {
    return writerRows != null ? writerRows : quick ? 50_000 : 1_000_000;
  }

  int mariadbRows() {
    return mariadbRows != null ? mariadbRows : quick ? 20_000 : 1_000_000;
  }

  int syncRows() {
    return syncRows != null ? syncRows : quick ? 50_000 : 1_000_000;
  }

  int seconds() {
    return seconds != null ? seconds : quick ? 30 : 120;
  }

  int latencyRuns() {
    return latencyRuns != null ? latencyRuns : quick ? 1 : runs;
  }

  int clusterRows() {
    return clusterRows != null ? clusterRows : quick ? 20_000 : 400_000;
  }

  int clusterSeconds() {
    return clusterSeconds != null ? clusterSeconds : quick ? 15 : 60;
  }

  int clusterRuns() {
    return clusterRuns != null ? clusterRuns : quick ? 1 : runs;
  }

  /** The cluster scenario's sizes. */
  ClusterOptions cluster() {
    return new ClusterOptions(
        nodes,
        clusterRows(),
        rate,
        clusterRate,
        clusterSeconds(),
        clusterRuns(),
        partitions,
        nodeHeap,
        15);
  }

  List<Long> memoryRows() {
    return memoryRows != null
        ? memoryRows
        : quick ? List.of(100_000L, 300_000L) : List.of(1_000_000L, 3_000_000L, 10_000_000L);
  }

  /** The effective options, for the JSON results (no passwords). */
  Map<String, Object> describe() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("mode", quick ? "quick" : "full");
    options.put("scenarios", scenarios);
    options.put("stores", stores);
    options.put("runs", runs);
    options.put("writerRows", writerRows());
    options.put("mariadbRows", mariadbRows());
    options.put("batchSize", batchSize);
    options.put("syncRows", syncRows());
    options.put("rate", rate);
    options.put("seconds", seconds());
    options.put("latencyRuns", latencyRuns());
    options.put("memoryRows", memoryRows());
    options.put("memoryHeap", memoryHeap);
    options.put("nodes", nodes);
    options.put("clusterRows", clusterRows());
    options.put("clusterRate", clusterRate);
    options.put("clusterSeconds", clusterSeconds());
    options.put("clusterRuns", clusterRuns());
    options.put("partitions", partitions);
    options.put("nodeHeap", nodeHeap);
    options.put("postgresqlUrl", postgresqlUrl);
    options.put("mariadbUrl", mariadbUrl);
    return options;
  }
}
