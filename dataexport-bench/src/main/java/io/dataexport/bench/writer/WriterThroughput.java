package io.dataexport.bench.writer;

import io.dataexport.api.destination.Destination;
import io.dataexport.bench.Destinations;
import io.dataexport.bench.Runs;
import io.dataexport.bench.data.AccountRows;
import io.dataexport.bench.db.BenchDatabase;
import io.dataexport.bench.db.ReferenceLoad;
import io.dataexport.bench.report.Figure;
import io.dataexport.bench.report.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Scenario 1: N account notifications applied through the real writer path ({@code
 * Destination.apply}, batches of the writer's size, one after the other as the profile's writer
 * does), first into an empty table, then again with newer versions over the rows now present
 * (update-heavy); side by side with the database's reference loads of the same rows into empty
 * tables of the same shape. Each run uses a fresh schema; ratios are taken within a run. A first,
 * smaller run warms the JIT up and is not reported.
 */
public final class WriterThroughput {
  private static final String ENTITY_TABLE = "account";
  private static final int WARM_UP_ROWS = 20_000;

  private final String scenario;
  private final Callable<BenchDatabase> databases;
  private final AccountRows rows;
  private final int count;
  private final int batchSize;
  private final int runs;

  /**
   * @param databases opens a fresh database (schema) per run
   * @param count notifications per phase
   * @param batchSize notifications per {@code apply}
   */
  public WriterThroughput(
      String scenario,
      Callable<BenchDatabase> databases,
      AccountRows rows,
      int count,
      int batchSize,
      int runs) {
    this.scenario = scenario;
    this.databases = databases;
    this.rows = rows;
    this.count = count;
    this.batchSize = batchSize;
    this.runs = runs;
  }

  /** Runs every repetition and reports medians. */
  public ScenarioResult run() throws Exception {
    List<ReferenceLoad> references;
    String product;
    try (BenchDatabase database = databases.call()) {
      once(database, Math.min(count, WARM_UP_ROWS)); // compiles the hot paths; not reported
      references = database.references();
      product = database.product();
    }
    List<String> notes = new ArrayList<>();
    List<RunResult> results =
        Runs.repeat(
            scenario,
            runs,
            run -> {
              try (BenchDatabase database = databases.call()) {
                RunResult result = once(database, count);
                System.err.printf(
                    Locale.ROOT,
                    "  %s run %d: writer %.0f rows/s, update-heavy %.0f rows/s, references %s"
                        + " rows/s%n",
                    scenario,
                    run,
                    result.initial(),
                    result.update(),
                    result.references().stream()
                        .map(r -> String.format(Locale.ROOT, "%.0f", r))
                        .collect(Collectors.joining(" / ")));
                return result;
              }
            },
            notes);
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.of("writer, empty table", "rows/s", pick(results, r -> r.initial())));
    figures.add(
        Figure.of("writer, rows present (update-heavy)", "rows/s", pick(results, r -> r.update())));
    for (int i = 0; i < references.size(); i++) {
      int index = i;
      String name = references.get(i).name();
      figures.add(
          Figure.of("reference: " + name, "rows/s", pick(results, r -> r.references().get(index))));
      List<Double> initialRatio = pick(results, r -> 100 * r.initial() / r.references().get(index));
      List<Double> updateRatio = pick(results, r -> 100 * r.update() / r.references().get(index));
      if (i == 0) {
        figures.add(Figure.atLeast("writer / " + name + ", empty table", "%", initialRatio, 85));
        figures.add(Figure.atLeast("writer / " + name + ", update-heavy", "%", updateRatio, 60));
      } else {
        figures.add(Figure.of("writer / " + name + ", empty table", "%", initialRatio));
        figures.add(Figure.of("writer / " + name + ", update-heavy", "%", updateRatio));
      }
    }
    RunResult last = results.getLast();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rows", count);
    details.put("batchSize", batchSize);
    details.put("columns", last.columns());
    details.put("dumpBytesPerRow", last.dumpBytesPerRow());
    details.put("product", product);
    details.put("references", references.stream().map(ReferenceLoad::description).toList());
    details.put("runs", results);
    return new ScenarioResult(
        scenario,
        String.format(
            Locale.ROOT,
            "%,d account rows (%d columns, ~%d bytes/row as text) via Destination.apply in"
                + " batches of %,d into %s; references: %s",
            count,
            last.columns(),
            last.dumpBytesPerRow(),
            batchSize,
            product,
            references.stream().map(ReferenceLoad::description).collect(Collectors.joining("; "))),
        figures,
        notes,
        details);
  }

  private RunResult once(BenchDatabase database, int count) throws Exception {
    try (Destination writer = Destinations.open(database.destination("w"))) {
      writer.prepare(List.of(rows.schema()), false);
      database.settle();
      double initial = applyAll(writer, count, 0);
      database.settle();
      double update = applyAll(writer, count, count);
      String written = "w_" + ENTITY_TABLE;
      requireCount(database, written, count);
      List<Double> references = new ArrayList<>();
      long dumpBytesPerRow = 0;
      List<ReferenceLoad> loads = database.references();
      for (int i = 0; i < loads.size(); i++) {
        String prefix = "r" + i;
        try (Destination raw = Destinations.open(database.destination(prefix))) {
          raw.prepare(List.of(rows.schema()), false); // the same table shape, empty
        }
        Path dump = Files.createTempFile("dataexport-bench-", ".dump");
        try {
          loads.get(i).dump(written, dump);
          if (i == 0) {
            dumpBytesPerRow = Files.size(dump) / count;
          }
          database.settle();
          ReferenceLoad.Result load = loads.get(i).load(dump, prefix + "_" + ENTITY_TABLE);
          requireCount(database, prefix + "_" + ENTITY_TABLE, count);
          references.add(load.rate());
        } finally {
          Files.deleteIfExists(dump);
        }
      }
      return new RunResult(
          initial, update, references, columns(database, written), dumpBytesPerRow);
    }
  }

  /** Applies {@code count} upserts in batches; returns rows per second of apply time. */
  private double applyAll(Destination destination, int count, long versionBase) {
    long nanos = 0;
    for (long from = 0; from < count; from += batchSize) {
      int size = (int) Math.min(batchSize, count - from);
      var batch = rows.upserts(from, size, versionBase);
      long start = System.nanoTime();
      destination.apply(rows.schema(), batch);
      nanos += System.nanoTime() - start;
    }
    return count / (nanos / 1e9);
  }

  private static void requireCount(BenchDatabase database, String table, int count)
      throws Exception {
    long rowsThere = database.count(table);
    if (rowsThere != count) {
      throw new IllegalStateException(
          table + " holds " + rowsThere + " rows after the phase, expected " + count);
    }
  }

  private static int columns(BenchDatabase database, String table) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT * FROM " + database.qualified(table) + " WHERE 1 = 0")) {
      return rs.getMetaData().getColumnCount();
    }
  }

  private static List<Double> pick(
      List<RunResult> results, java.util.function.ToDoubleFunction<RunResult> value) {
    return results.stream().map(value::applyAsDouble).toList();
  }

  /** One run's rates in rows per second, the references in {@link BenchDatabase#references()}. */
  record RunResult(
      double initial, double update, List<Double> references, int columns, long dumpBytesPerRow) {}
}
