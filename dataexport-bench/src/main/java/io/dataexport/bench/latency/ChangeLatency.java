package io.dataexport.bench.latency;

import io.dataexport.bench.Runs;
import io.dataexport.bench.TempDirectory;
import io.dataexport.bench.data.EmulatorSource;
import io.dataexport.bench.db.PostgresqlBench;
import io.dataexport.bench.report.Figure;
import io.dataexport.bench.report.ScenarioResult;
import io.dataexport.bench.report.Stats;
import io.dataexport.bench.stores.FreshStores;
import io.dataexport.bench.stores.ServiceStores;
import io.dataexport.bench.stores.StoreSetups;
import io.dataexport.bench.sync.ServicePipeline;
import io.dataexport.bench.sync.SourceEndpoint;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Scenario 3: a steady workload of R changes per second (30% creates, 60% updates, 10% deletes)
 * over four entities in the emulator for T seconds, while the service runs with its default
 * settings; per change the time from its commit in the emulator to its visibility in PostgreSQL, as
 * an outside reader polling every {@value #POLL_MILLIS} ms sees it. With two store setups every run
 * measures both, one after the other (see {@link StoreSetups}).
 */
public final class ChangeLatency {
  public static final int POLL_MILLIS = 50;
  private static final List<String> ENTITIES = List.of("account", "contact", "lead", "opportunity");
  private static final int SEED_RECORDS = 1000;
  private static final Duration DRAIN = Duration.ofSeconds(60);
  private static final Duration INITIAL_SYNC = Duration.ofMinutes(5);

  private final double rate;
  private final int seconds;
  private final int runs;
  private final StoreSetups stores;
  private final Callable<PostgresqlBench> databases;

  /**
   * @param stores the stores the service runs with; two are measured side by side in every run
   */
  public ChangeLatency(
      double rate, int seconds, int runs, StoreSetups stores, Callable<PostgresqlBench> databases) {
    this.rate = rate;
    this.seconds = seconds;
    this.runs = runs;
    this.stores = stores;
    this.databases = databases;
  }

  /** Runs every repetition and reports medians. */
  public ScenarioResult run() throws Exception {
    List<String> notes = new ArrayList<>();
    List<Map<String, RunResult>> results =
        Runs.repeat(
            "latency",
            runs,
            run -> {
              Map<String, RunResult> bySetup = new LinkedHashMap<>();
              for (ServiceStores setup : stores.order(run)) {
                RunResult result = once(run, setup);
                System.err.printf(
                    Locale.ROOT,
                    "  latency run %d (%s stores): %d changes at %.0f/s, p50 %.0f ms, p99 %.0f ms,"
                        + " max %.0f ms, not visible %d, kept up %s%n",
                    run,
                    setup.name(),
                    result.changes(),
                    result.achievedRate(),
                    result.p50(),
                    result.p99(),
                    result.max(),
                    result.notVisible(),
                    result.keptUp());
                bySetup.put(setup.name(), result);
              }
              return bySetup;
            },
            notes);
    for (ServiceStores setup : stores.stores().reversed()) {
      long keptUp = results.stream().filter(r -> r.get(setup.name()).keptUp()).count();
      notes.add(
          0,
          stores.note("kept up in ", setup)
              + keptUp
              + " of "
              + results.size()
              + " runs (every change visible within "
              + DRAIN.toSeconds()
              + " s of the end, and the last quarter's median latency at most twice the first"
              + " quarter's plus one poll interval)");
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("stores", stores.stores().stream().map(ServiceStores::name).toList());
    details.put("runs", results);
    return new ScenarioResult(
        "latency",
        String.format(
            Locale.ROOT,
            "%.0f changes/s for %d s over %s (%d seeded each) through the service (default"
                + " settings: delta poll every 1 s; %s) into PostgreSQL; visibility polled every"
                + " %d ms",
            rate,
            seconds,
            String.join(", ", ENTITIES),
            SEED_RECORDS,
            stores.describe(),
            POLL_MILLIS),
        figures(results),
        notes,
        details);
  }

  private List<Figure> figures(List<Map<String, RunResult>> results) {
    List<Figure> figures =
        new ArrayList<>(
            stores.each(
                setup -> figuresOf(results.stream().map(r -> r.get(setup.name())).toList())));
    if (stores.compared()) {
      double limit = 100 + StoreSetups.TOLERANCE_PERCENT;
      figures.add(
          Figure.atMost(
              stores.ratioLabel("p50"), "%", stores.ratios(results, RunResult::p50), limit));
      figures.add(
          Figure.atMost(
              stores.ratioLabel("p99"), "%", stores.ratios(results, RunResult::p99), limit));
    }
    return figures;
  }

  private static List<Figure> figuresOf(List<RunResult> results) {
    return List.of(
        Figure.of("achieved workload rate", "changes/s", pick(results, RunResult::achievedRate)),
        Figure.of("p50", "ms", pick(results, RunResult::p50)),
        Figure.of("p95", "ms", pick(results, RunResult::p95)),
        Figure.atMost("p99", "ms", pick(results, RunResult::p99), 2000),
        Figure.of("max", "ms", pick(results, RunResult::max)),
        Figure.atMost(
            "changes not visible after the drain",
            "changes",
            pick(results, r -> (double) r.notVisible()),
            0));
  }

  private static List<Double> pick(
      List<RunResult> results, java.util.function.ToDoubleFunction<RunResult> value) {
    return results.stream().map(r -> value.applyAsDouble(r)).toList();
  }

  private RunResult once(int run, ServiceStores setup) throws Exception {
    PendingChanges changes = new PendingChanges();
    try (DataverseEmulator emulator = EmulatorSource.start(SEED_RECORDS);
        PostgresqlBench database = databases.call();
        TempDirectory data = TempDirectory.create("dataexport-bench-latency-");
        FreshStores fresh = setup.open();
        ServicePipeline pipeline =
            ServicePipeline.create(
                fresh.config(data.path()),
                SyncSettings.defaults(),
                SourceEndpoint.of(emulator),
                database.destination(null),
                ENTITIES)) {
      pipeline.activate();
      if (!pipeline.awaitCaughtUp(Duration.ofMillis(200), INITIAL_SYNC)) {
        throw new IllegalStateException("the initial sync did not finish in " + INITIAL_SYNC);
      }
      indexVersions(database, ENTITIES);
      long workloadStart;
      long workloadEnd;
      try (VisibilityPoller poller =
              new VisibilityPoller(database, ENTITIES, changes, Duration.ofMillis(POLL_MILLIS));
          ChangeWorkload workload =
              new ChangeWorkload(
                  emulator.store(),
                  WorkloadSettings.defaults().withRate(rate).withEntities(ENTITIES).withSeed(run),
                  changes::committed)) {
        workloadStart = System.nanoTime();
        workload.start();
        Thread.sleep(Duration.ofSeconds(seconds));
        workload.stop();
        workloadEnd = System.nanoTime();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (changes.pendingCount() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
      }
      return RunResult.of(changes, workloadStart, workloadEnd);
    }
  }

  /** Indexes the entities' version numbers, so that the visibility poller's queries stay cheap. */
  public static void indexVersions(PostgresqlBench database, List<String> entities)
      throws Exception {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      for (String entity : entities) {
        statement.execute("CREATE INDEX ON " + database.qualified(entity) + " (\"versionnumber\")");
      }
    }
  }

  /** The figures of one run; latencies in milliseconds. */
  public record RunResult(
      long changes,
      double achievedRate,
      double p50,
      double p95,
      double p99,
      double max,
      double firstQuarterMedian,
      double lastQuarterMedian,
      long notVisible,
      boolean keptUp) {

    /** The figures of the changes committed between {@code start} and {@code end} (nano time). */
    public static RunResult of(PendingChanges changes, long start, long end) {
      List<PendingChanges.Seen> seen = changes.seen();
      List<Double> all = new ArrayList<>(seen.size());
      List<Double> first = new ArrayList<>();
      List<Double> last = new ArrayList<>();
      long quarter = (end - start) / 4;
      for (PendingChanges.Seen s : seen) {
        double millis = s.latencyNanos() / 1e6;
        all.add(millis);
        if (s.committedNanos() < start + quarter) {
          first.add(millis);
        } else if (s.committedNanos() >= end - quarter) {
          last.add(millis);
        }
      }
      if (all.isEmpty()) {
        throw new IllegalStateException("no change became visible");
      }
      double[] sorted = Stats.sorted(all);
      double firstMedian = first.isEmpty() ? 0 : Stats.median(first);
      double lastMedian = last.isEmpty() ? 0 : Stats.median(last);
      long notVisible = changes.pendingCount();
      return new RunResult(
          changes.committedCount(),
          changes.committedCount() / ((end - start) / 1e9),
          Stats.percentile(sorted, 50),
          Stats.percentile(sorted, 95),
          Stats.percentile(sorted, 99),
          sorted[sorted.length - 1],
          firstMedian,
          lastMedian,
          notVisible,
          notVisible == 0 && lastMedian <= 2 * firstMedian + POLL_MILLIS);
    }
  }
}
