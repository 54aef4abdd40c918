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
 * download and one read of all pages, and one end-to-end sync of up to {@value #WARM_UP_ROWS} rows,
 * first warm the JIT up and are not reported.
 */
public final class InitialSyncThroughput {
  private static final String ENTITY = "account";
  private static final Duration TIMEOUT = Duration.ofHours(2);
  private static final int WARM_UP_ROWS = 50_000;

  private final int rows;
  private final int runs;
  private final Callable<PostgresqlBench> databases;

  public InitialSyncThroughput(int rows, int runs, Callable<PostgresqlBench> databases) {
    this.rows = rows;
    this.runs = runs;
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
                double synced;
                try (PostgresqlBench database = databases.call()) {
                  synced = endToEnd(endpoint, database);
                }
                System.err.printf(
                    Locale.ROOT,
                    "  initial-sync run %d: end to end %.0f rows/s, download %.0f rows/s,"
                        + " reader %.0f rows/s%n",
                    run,
                    synced,
                    downloaded,
                    parsed);
                return new RunResult(synced, downloaded, parsed);
              },
              notes);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rows", rows);
    details.put("product", product);
    return new ScenarioResult(
        "initial-sync",
        String.format(
            Locale.ROOT,
            "%,d accounts from the in-process emulator over HTTP (pages of %,d) through the"
                + " service (default settings) into %s, timed from activation until all applied",
            rows,
            DataverseSettings.MAX_PAGE_SIZE,
            product),
        List.of(
            Figure.of("end to end", "rows/s", pick(results, RunResult::endToEnd)),
            Figure.of("page download only", "rows/s", pick(results, RunResult::download)),
            Figure.of(
                "source reader (download + parse)", "rows/s", pick(results, RunResult::reader)),
            Figure.atLeast(
                "end to end / page download",
                "%",
                pick(results, r -> 100 * r.endToEnd() / r.download()),
                80)),
        notes,
        details);
  }

  /**
   * One end-to-end sync of a smaller emulator, not reported: a running service has its code
   * compiled, as the page client has after its warm-up.
   */
  private void warmUpService() throws Exception {
    try (DataverseEmulator small = EmulatorSource.start(Math.min(rows, WARM_UP_ROWS));
        PostgresqlBench database = databases.call()) {
      endToEnd(SourceEndpoint.of(small), database, Math.min(rows, WARM_UP_ROWS));
    }
  }

  private double endToEnd(SourceEndpoint endpoint, PostgresqlBench database) throws Exception {
    return endToEnd(endpoint, database, rows);
  }

  private double endToEnd(SourceEndpoint endpoint, PostgresqlBench database, int rows)
      throws Exception {
    try (TempDirectory data = TempDirectory.create("dataexport-bench-sync-");
        ServicePipeline pipeline =
            ServicePipeline.create(
                data.path(),
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

  /** One run's rates in rows per second. */
  private record RunResult(double endToEnd, double download, double reader) {}

  private double rate(Callable<Integer> pages) throws Exception {
    long start = System.nanoTime();
    pages.call();
    return rows / ((System.nanoTime() - start) / 1e9);
  }
}
