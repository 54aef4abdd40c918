package io.dataexport.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.bench.Runs;
import io.dataexport.bench.TempDirectory;
import io.dataexport.bench.data.EmulatorSource;
import io.dataexport.bench.db.PostgresqlBench;
import io.dataexport.bench.latency.ChangeLatency;
import io.dataexport.bench.latency.PendingChanges;
import io.dataexport.bench.latency.VisibilityPoller;
import io.dataexport.bench.report.Figure;
import io.dataexport.bench.report.ScenarioResult;
import io.dataexport.bench.stores.FreshStores;
import io.dataexport.bench.stores.SharedStores;
import io.dataexport.bench.sync.ServicePipeline;
import io.dataexport.bench.sync.SourceEndpoint;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * The cluster scenario: the service as node processes ({@code dataexport server --config}), one
 * embedded node (SQLite, local blobs, the embedded bus) and clusters of 1, 2, 3… nodes on the
 * shared stores (PostgreSQL, S3 on S3Proxy, Kafka on a one-node KRaft broker), each exporting four
 * entities of a fresh emulator into a fresh PostgreSQL schema. Per setup and run:
 *
 * <ol>
 *   <li><b>initial sync</b>: N rows across account, contact, lead and opportunity, timed from
 *       activating the profile until every row is applied (status polled through the API);
 *   <li><b>latency</b>: a steady workload of R changes/s for T seconds, each change's time from its
 *       commit in the emulator to its visibility in PostgreSQL (as {@link ChangeLatency} measures);
 *   <li><b>steady-state throughput</b>: a workload offered faster than the pipeline takes it for T
 *       seconds; the changes committed over the time until the last of them is visible.
 * </ol>
 *
 * Every setup's figures are reported with its ratio to the embedded node's in the same run, and the
 * clusters' with their ratio to the one-node cluster's. The setups run in turn, the order reversed
 * on even runs. Node processes start cold for every setup (no warm-up), as a restarted node would.
 */
public final class ClusterScaling {
  static final String EMBEDDED = "embedded";
  private static final List<String> ENTITIES = List.of("account", "contact", "lead", "opportunity");
  private static final Duration LATENCY_DRAIN = Duration.ofSeconds(60);
  private static final Duration THROUGHPUT_DRAIN = Duration.ofMinutes(5);

  private final ClusterOptions options;
  private final SharedStores shared;
  private final Callable<PostgresqlBench> databases;

  /**
   * @param shared the stores every cluster's nodes share (each cluster fresh ones)
   * @param databases opens a fresh destination schema
   */
  public ClusterScaling(
      ClusterOptions options, SharedStores shared, Callable<PostgresqlBench> databases) {
    this.options = options;
    this.shared = shared;
    this.databases = databases;
  }

  /** The setups in the order of odd runs: the embedded node, then the clusters by size. */
  List<String> setups() {
    List<String> setups = new ArrayList<>();
    setups.add(EMBEDDED);
    options.nodes().forEach(n -> setups.add(clusterName(n)));
    return setups;
  }

  static String clusterName(int nodes) {
    return nodes + (nodes == 1 ? " node" : " nodes");
  }

  /** Runs every repetition and reports medians and ratios. */
  public ScenarioResult run() throws Exception {
    List<String> notes = new ArrayList<>();
    Map<String, Object> views = new LinkedHashMap<>();
    List<Map<String, SetupResult>> results =
        Runs.repeat(
            "cluster",
            options.runs(),
            run -> {
              List<String> order = setups();
              if (run % 2 == 0) {
                order = order.reversed();
              }
              Map<String, SetupResult> bySetup = new LinkedHashMap<>();
              for (String setup : order) {
                SetupResult result = once(run, setup, views);
                System.err.printf(
                    Locale.ROOT,
                    "  cluster run %d (%s): initial sync %.0f rows/s; latency at %.0f/s p50 %.0f"
                        + " ms, p95 %.0f ms, not visible %d; steady state %.0f changes/s"
                        + " (offered %.0f/s)%n",
                    run,
                    setup,
                    result.syncRate(),
                    result.latencyRate(),
                    result.p50(),
                    result.p95(),
                    result.notVisible(),
                    result.throughput(),
                    result.offered());
                bySetup.put(setup, result);
              }
              return bySetup;
            },
            notes);
    notes.add(
        "node processes: "
            + options.heap()
            + " heap each, cold JVMs (no warm-up); every node, the broker, S3Proxy, PostgreSQL,"
            + " the emulator and the harness share this machine's "
            + Runtime.getRuntime().availableProcessors()
            + " cores");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rows", options.rows());
    details.put("nodes", options.nodes());
    details.put("partitions", options.partitions());
    details.put("runs", results);
    details.put("clusterViews", views);
    return new ScenarioResult(
        "cluster",
        String.format(
            Locale.ROOT,
            "node processes (dataexport server --config): one embedded node and clusters of %s"
                + " nodes (PostgreSQL store, S3 blobs on S3Proxy, Kafka bus with %d partitions on"
                + " a one-node KRaft broker), each exporting %,d rows across %s from the emulator"
                + " into PostgreSQL; latency at %.0f changes/s for %d s; steady state: a workload"
                + " offered at %.0f changes/s for %d s, changes/s until the last is visible",
            options.nodes(),
            options.partitions(),
            options.rows(),
            String.join(", ", ENTITIES),
            options.latencyRate(),
            options.seconds(),
            options.offeredRate(),
            options.seconds()),
        figures(results),
        notes,
        details);
  }

  private List<Figure> figures(List<Map<String, SetupResult>> results) {
    List<Figure> figures = new ArrayList<>();
    String first = clusterName(options.nodes().getFirst());
    for (String setup : setups()) {
      figures.add(
          Figure.of(
              setup + ": initial sync", "rows/s", pick(results, setup, SetupResult::syncRate)));
      figures.add(
          Figure.of(
              setup + ": steady state",
              "changes/s",
              pick(results, setup, SetupResult::throughput)));
      figures.add(Figure.of(setup + ": latency p50", "ms", pick(results, setup, SetupResult::p50)));
      figures.add(Figure.of(setup + ": latency p95", "ms", pick(results, setup, SetupResult::p95)));
      figures.add(
          Figure.atMost(
              setup + ": changes not visible after the drain",
              "changes",
              pick(results, setup, r -> (double) r.notVisible()),
              0));
    }
    for (String setup : setups().subList(1, setups().size())) {
      figures.add(ratio(results, setup, EMBEDDED, "initial sync", SetupResult::syncRate));
      figures.add(ratio(results, setup, EMBEDDED, "steady state", SetupResult::throughput));
      figures.add(ratio(results, setup, EMBEDDED, "latency p50", SetupResult::p50));
      figures.add(ratio(results, setup, EMBEDDED, "latency p95", SetupResult::p95));
      if (!setup.equals(first)) {
        figures.add(ratio(results, setup, first, "initial sync", SetupResult::syncRate));
        figures.add(ratio(results, setup, first, "steady state", SetupResult::throughput));
      }
    }
    return figures;
  }

  private static List<Double> pick(
      List<Map<String, SetupResult>> results, String setup, ToDoubleFunction<SetupResult> value) {
    return results.stream().map(r -> value.applyAsDouble(r.get(setup))).toList();
  }

  /** The figure {@code "<setup> / <baseline>: <measure>"}: setup's value in % of baseline's. */
  private static Figure ratio(
      List<Map<String, SetupResult>> results,
      String setup,
      String baseline,
      String measure,
      ToDoubleFunction<SetupResult> value) {
    return Figure.of(
        setup + " / " + baseline + ": " + measure,
        "%",
        results.stream()
            .map(
                r -> 100 * value.applyAsDouble(r.get(setup)) / value.applyAsDouble(r.get(baseline)))
            .toList());
  }

  private SetupResult once(int run, String setup, Map<String, Object> views) throws Exception {
    boolean embedded = setup.equals(EMBEDDED);
    int nodes = embedded ? 1 : options.nodes().get(setups().indexOf(setup) - 1);
    long perEntity = Math.max(1, options.rows() / ENTITIES.size());
    try (DataverseEmulator emulator = EmulatorSource.start(perEntity);
        PostgresqlBench database = databases.call();
        TempDirectory files = TempDirectory.create("dataexport-bench-cluster-");
        FreshStores stores = embedded ? new FreshStores(Map.of(), () -> {}) : shared.open();
        NodeGroup group =
            NodeGroup.start(
                nodes,
                files.path(),
                options.nodeSettings(embedded),
                stores.environment(),
                options.heap())) {
      group.create(
          ServicePipeline.document(
              SourceEndpoint.of(emulator), database.destination(null), ENTITIES));
      long start = System.nanoTime();
      group.activate();
      // five minutes beyond 500 rows/s: a sync that stalls fails the run instead of the night
      Duration limit = Duration.ofMinutes(5).plusSeconds(options.rows() / 500);
      if (!group.awaitCaughtUp(Duration.ofMillis(250), limit)) {
        throw new IllegalStateException(
            "the initial sync did not finish within " + limit + " (" + setup + ")");
      }
      double syncSeconds = (System.nanoTime() - start) / 1e9;
      long rows = 0;
      for (String entity : ENTITIES) {
        rows += database.count(entity);
      }
      if (rows != perEntity * ENTITIES.size()) {
        throw new IllegalStateException(
            "the destination holds " + rows + " rows, expected " + perEntity * ENTITIES.size());
      }
      if (!embedded && run == 1) {
        views.put(setup, clusterSummary(group.clusterView()));
      }
      ChangeLatency.indexVersions(database, ENTITIES);
      ChangeLatency.RunResult latency =
          workload(emulator, database, options.latencyRate(), run, LATENCY_DRAIN).latency();
      Workload throughput =
          workload(emulator, database, options.offeredRate(), 1000 + run, THROUGHPUT_DRAIN);
      return new SetupResult(
          nodes,
          rows / syncSeconds,
          latency.achievedRate(),
          latency.p50(),
          latency.p95(),
          latency.notVisible() + throughput.notVisible(),
          throughput.offered(),
          throughput.throughput());
    }
  }

  /** Per node, the entities it reads and the partitions it holds: who did what. */
  private static Map<String, Object> clusterSummary(JsonNode view) {
    Map<String, Object> summary = new LinkedHashMap<>();
    for (JsonNode node : view.path("nodes")) {
      summary.put(
          node.path("id").asText(),
          Map.of(
              "readers",
              node.path("readers").toString(),
              "partitions",
              node.path("partitions").toString()));
    }
    return summary;
  }

  private Workload workload(
      DataverseEmulator emulator, PostgresqlBench database, double rate, long seed, Duration drain)
      throws Exception {
    PendingChanges changes = new PendingChanges();
    long start;
    long end;
    try (VisibilityPoller poller =
            new VisibilityPoller(
                database, ENTITIES, changes, Duration.ofMillis(ChangeLatency.POLL_MILLIS));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults().withRate(rate).withEntities(ENTITIES).withSeed(seed),
                changes::committed)) {
      start = System.nanoTime();
      workload.start();
      Thread.sleep(Duration.ofSeconds(options.seconds()));
      workload.stop();
      end = System.nanoTime();
      long deadline = System.nanoTime() + drain.toNanos();
      while (changes.pendingCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    long lastVisible = start;
    for (PendingChanges.Seen seen : changes.seen()) {
      lastVisible = Math.max(lastVisible, seen.committedNanos() + seen.latencyNanos());
    }
    long visible = changes.committedCount() - changes.pendingCount();
    return new Workload(
        ChangeLatency.RunResult.of(changes, start, end),
        changes.committedCount() / ((end - start) / 1e9),
        visible / Math.max(1e-9, (lastVisible - start) / 1e9),
        changes.pendingCount());
  }

  /** One workload's figures: the latencies, the rate offered and the rate applied. */
  private record Workload(
      ChangeLatency.RunResult latency, double offered, double throughput, long notVisible) {}

  /**
   * One setup's figures in one run.
   *
   * @param syncRate initial sync, rows per second
   * @param latencyRate the latency workload's achieved rate, changes per second
   * @param p50 latency at {@code latencyRate}, ms
   * @param p95 latency at {@code latencyRate}, ms
   * @param notVisible changes of either workload not visible after its drain
   * @param offered the throughput workload's achieved rate in the emulator, changes per second
   * @param throughput changes of the throughput workload over the time until the last was visible
   */
  record SetupResult(
      int nodes,
      double syncRate,
      double latencyRate,
      double p50,
      double p95,
      long notVisible,
      double offered,
      double throughput) {}
}
