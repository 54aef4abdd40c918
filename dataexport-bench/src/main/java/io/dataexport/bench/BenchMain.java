package io.dataexport.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dataexport.bench.cluster.ClusterScaling;
import io.dataexport.bench.data.AccountRows;
import io.dataexport.bench.db.MariadbBench;
import io.dataexport.bench.db.PostgresqlBench;
import io.dataexport.bench.latency.ChangeLatency;
import io.dataexport.bench.memory.MemoryFootprint;
import io.dataexport.bench.report.JsonResults;
import io.dataexport.bench.report.Machine;
import io.dataexport.bench.report.ResultTable;
import io.dataexport.bench.report.ScenarioResult;
import io.dataexport.bench.stores.EmbeddedStores;
import io.dataexport.bench.stores.ServiceStores;
import io.dataexport.bench.stores.SharedStores;
import io.dataexport.bench.stores.StoreSetups;
import io.dataexport.bench.sync.InitialSyncThroughput;
import io.dataexport.bench.writer.WriterThroughput;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The benchmark harness ({@code bench/run}): runs the chosen scenarios, prints a Markdown table of
 * medians with targets and writes every run's figures as JSON. See {@code bench/README.md}.
 */
@Command(
    name = "bench/run",
    mixinStandardHelpOptions = true,
    description = "Measures the Data Export Service side by side with the physical limits.")
public final class BenchMain implements Callable<Integer> {
  @Mixin BenchOptions options = new BenchOptions();
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    // the harness's admin client asks a starting broker until it answers: not a warning
    ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("\n", problems));
    }
    Instant started = Instant.now();
    Map<String, Object> machine = Machine.describe();
    System.err.println("Machine: " + machine);
    List<ScenarioResult> results = new ArrayList<>();
    AccountRows rows = null;
    StoreSetups stores = stores();
    try {
      for (String scenario : options.scenarios) {
        System.err.println("== " + scenario);
        try {
          if (scenario.startsWith("writer-") && rows == null) {
            rows = AccountRows.fromEmulator(started.toEpochMilli());
          }
          results.add(run(scenario, rows, stores));
        } catch (Exception e) {
          e.printStackTrace();
          results.add(ScenarioResult.failed(scenario, "", e));
        }
      }
    } finally {
      stores.stores().forEach(ServiceStores::close);
    }
    ResultTable.print(results, System.out);
    Path file = JsonResults.write(options.results, started, options.describe(), results, machine);
    System.out.println();
    System.out.println("Results: " + file + " (load average now " + Machine.loadAverage() + ")");
    return results.stream().anyMatch(r -> r.figures().isEmpty()) ? 1 : 0;
  }

  private PostgresqlBench postgresql() throws SQLException {
    return PostgresqlBench.open(
        options.postgresqlUrl, options.postgresqlUser, options.postgresqlPassword);
  }

  /** The stores of {@code --stores}: one kind, or both to compare, the embedded first. */
  private StoreSetups stores() {
    ServiceStores embedded = new EmbeddedStores();
    return new StoreSetups(
        switch (options.stores) {
          case SharedStores.NAME -> List.of(new SharedStores(this::postgresql, options.partitions));
          case BenchOptions.COMPARE ->
              List.of(embedded, new SharedStores(this::postgresql, options.partitions));
          default -> List.of(embedded);
        });
  }

  private ScenarioResult run(String scenario, AccountRows rows, StoreSetups stores)
      throws Exception {
    BenchOptions o = options;
    return switch (scenario) {
      case "writer-postgresql" ->
          new WriterThroughput(
                  scenario, this::postgresql, rows, o.writerRows(), o.batchSize, o.runs)
              .run();
      case "writer-mariadb" ->
          new WriterThroughput(
                  scenario,
                  () -> MariadbBench.open(o.mariadbUrl, o.mariadbUser, o.mariadbPassword),
                  rows,
                  o.mariadbRows(),
                  o.batchSize,
                  o.runs)
              .run();
      case "initial-sync" ->
          new InitialSyncThroughput(o.syncRows(), o.runs, stores, this::postgresql).run();
      case "latency" ->
          new ChangeLatency(o.rate, o.seconds(), o.latencyRuns(), stores, this::postgresql).run();
      case "memory" ->
          new MemoryFootprint(
                  o.memoryRows(),
                  o.memoryHeap,
                  stores.first(),
                  this::postgresql,
                  o.postgresqlUrl,
                  o.postgresqlUser,
                  o.postgresqlPassword)
              .run();
      case "cluster" -> {
        try (SharedStores shared = new SharedStores(this::postgresql, o.partitions)) {
          yield new ClusterScaling(o.cluster(), shared, this::postgresql).run();
        }
      }
      default ->
          throw new IllegalArgumentException(
              "Unknown scenario '" + scenario + "'; choose from " + BenchOptions.SCENARIOS);
    };
  }
}
