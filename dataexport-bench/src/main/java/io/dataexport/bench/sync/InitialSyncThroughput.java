package io.dataexport.bench.sync;

import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.bench.Runs;
import io.dataexport.bench.TempDirectory;
import io.dataexport.bench.data.EmulatorSource;
import io.dataexport.bench.db.PostgresqlBench;
import io.dataexport.bench.report.Figure;
import io.dataexport.bench.report.ScenarioResult;
import io.dataexport.bench.stores.FreshStores;
import io.dataexport.bench.stores.ServiceStores;
import io.dataexport.bench.stores.StoreSetups;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.dataverse.DataverseChangeSource;
import io.dataexport.dataverse.DataverseSettings;
import io.dataexport.emulator.DataverseEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Scenario 2: the initial sync of N accounts end to end, from the emulator over HTTP through the
 * whole service (reader, durable bus, writer) into PostgreSQL, timed from activating the profile
 * until every row is applied; side by side with a client that only downloads the same pages (the
 * source's own limit), and, for the analysis, the source reader alone (download and parse). One
 * download and one read of all pages, and one end-to-end sync of up to {@value #WARM_UP_ROWS} rows
 * per store setup, first warm the JIT up and are not reported. With two store setups every run
 * syncs with both (see {@link StoreSetups}).
 */
public final class InitialSyncThroughput {
  private static final String ENTITY = "account";
  private static final Duration TIMEOUT = Duration.ofHours(2);
  private static final int WARM_UP_ROWS = 50_000;

  private final int rows;
  private final int runs;
  private final StoreSetups stores;
  private final Callable<PostgresqlBench> databases;

  /**
   * @param stores the stores the service runs with; two are measured side by side in every run
   */
  public InitialSyncThroughput(
      int rows, int runs, StoreSetups stores, Callable<PostgresqlBench> databases) {
    this.rows = rows;
    this.runs = runs;
    this.stores = stores;
    this.databases = databases;
  }

  /** Runs every repetition and reports medians. */
  public ScenarioResult run() throws Exception {
    List<String> notes = new ArrayList<>();
    List<RunResult> results;
    String product;
    try (DataverseEmulator emulator = EmulatorSource.start(rows);
        DataverseChangeSource source = EmulatorSource.open(emulator)) {
      EntitySchema schema = source.describe(ENTITY);
      SourceEndpoint endpoint = SourceEndpoint.of(emulator);
      PageDownload pages =
          PageDownload.of(source, schema, endpoint, DataverseSettings.MAX_PAGE_SIZE);
      try (PostgresqlBench database = databases.call()) {
        product = database.product();
      }
      pages.run(); // warms the emulator and the clients up; not reported
      readAll(source, schema);
      warmUpService();
      results =
          Runs.repeat(
              "initial-sync",
              runs,
              run -> {
                double downloaded = rate(pages::run);
                double parsed = rate(() -> readAll(source, schema));
                Map<String, Double> synced = new LinkedHashMap<>();
                for (ServiceStores setup : stores.order(run)) {
                  try (PostgresqlBench database = databases.call()) {
                    synced.put(setup.name(), endToEnd(endpoint, database, setup, rows));
                  }
                }
                System.err.printf(
                    Locale.ROOT,
                    "  initial-sync run %d: end to end %s, download %.0f rows/s, reader %.0f"
                        + " rows/s%n",
                    run,
                    String.join(
                        ", ",
                        synced.entrySet().stream()
                            .map(
                                e ->
                                    String.format(
                                        Locale.ROOT,
                                        "%.0f rows/s (%s stores)",
                                        e.getValue(),
                                        e.getKey()))
                            .toList()),
                    downloaded,
                    parsed);
                return new RunResult(synced, downloaded, parsed);
              },
              notes);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rows", rows);
    details.put("product", product);
    details.put("stores", stores.stores().stream().map(ServiceStores::name).toList());
    return new ScenarioResult(
        "initial-sync",
        String.format(
            Locale.ROOT,
            "%,d accounts from the in-process emulator over HTTP (pages of %,d) through the"
                + " service (default settings; %s) into %s, timed from activation until all"
                + " applied",
            rows,
            DataverseSettings.MAX_PAGE_SIZE,
            stores.describe(),
            product),
        figures(results),
        notes,
        details);
  }

  private List<Figure> figures(List<RunResult> results) {
    List<Figure> figures = new ArrayList<>();
    figures.addAll(
        stores.each(
            setup ->
                List.of(
                    Figure.of("end to end", "rows/s", pick(results, r -> r.endToEnd(setup))),
                    Figure.atLeast(
                        "end to end / page download",
                        "%",
                        pick(results, r -> 100 * r.endToEnd(setup) / r.download()),
                        80))));
    figures.add(Figure.of("page download only", "rows/s", pick(results, RunResult::download)));
    figures.add(
        Figure.of("source reader (download + parse)", "rows/s", pick(results, RunResult::reader)));
    if (stores.compared()) {
      figures.add(
          Figure.atLeast(
              stores.ratioLabel("end to end"),
              "%",
              stores.ratios(
                  results.stream().map(RunResult::endToEnd).toList(), Double::doubleValue),
              100 - StoreSetups.TOLERANCE_PERCENT));
    }
    return figures;
  }

  /**
   * One end-to-end sync of a smaller emulator, not reported: a running service has its code
   * compiled, as the page client has after its warm-up.
   */
  private void warmUpService() throws Exception {
    int warmUpRows = Math.min(rows, WARM_UP_ROWS);
    try (DataverseEmulator small = EmulatorSource.start(warmUpRows)) {
      for (ServiceStores setup : stores.stores()) {
        try (PostgresqlBench database = databases.call()) {
          endToEnd(SourceEndpoint.of(small), database, setup, warmUpRows);
        }
      }
    }
  }

  private static double endToEnd(
      SourceEndpoint endpoint, PostgresqlBench database, ServiceStores setup, int rows)
      throws Exception {
    try (TempDirectory data = TempDirectory.create("dataexport-bench-sync-");
        FreshStores fresh = setup.open();
        ServicePipeline pipeline =
            ServicePipeline.create(
                fresh.config(data.path()),
                SyncSettings.defaults(),
                endpoint,
                database.destination(null),
                List.of(ENTITY))) {
      long start = System.nanoTime();
      pipeline.activate();
      if (!pipeline.awaitCaughtUp(Duration.ofMillis(100), TIMEOUT)) {
        throw new IllegalStateException("the initial sync did not finish within " + TIMEOUT);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long written = database.count(ENTITY);
      if (written != rows) {
        throw new IllegalStateException(
            "the destination holds " + written + " accounts, expected " + rows);
      }
      return rows / seconds;
    }
  }

  private static int readAll(DataverseChangeSource source, EntitySchema schema) {
    ChangeCursor cursor = ChangeCursor.start();
    int pages = 0;
    while (true) {
      ChangePage page = source.read(schema, cursor);
      pages++;
      if (page.caughtUp()) {
        return pages;
      }
      cursor = page.next();
    }
  }

  private static List<Double> pick(
      List<RunResult> results, java.util.function.ToDoubleFunction<RunResult> value) {
    return results.stream().map(value::applyAsDouble).toList();
  }

  /** One run's rates in rows per second; end to end by the stores' name. */
  private record RunResult(Map<String, Double> endToEnd, double download, double reader) {
    double endToEnd(ServiceStores setup) {
      return endToEnd.get(setup.name());
    }
  }

  private double rate(Callable<Integer> pages) throws Exception {
    long start = System.nanoTime();
    pages.call();
    return rows / ((System.nanoTime() - start) / 1e9);
  }
}
