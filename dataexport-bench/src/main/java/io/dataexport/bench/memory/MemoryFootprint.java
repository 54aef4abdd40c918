package io.dataexport.bench.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.bench.data.EmulatorSource;
import io.dataexport.bench.db.PostgresqlBench;
import io.dataexport.bench.report.Figure;
import io.dataexport.bench.report.ScenarioResult;
import io.dataexport.bench.stores.FreshStores;
import io.dataexport.bench.stores.ServiceStores;
import io.dataexport.bench.sync.SourceEndpoint;
import io.dataexport.emulator.DataverseEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Scenario 4: the initial sync of N accounts by the service in a child JVM with a small fixed heap
 * ({@code -Xmx256m}), for several N, each from an emulator in this JVM into PostgreSQL; reports the
 * child's peak heap (in use, and live after collections) and resident set size, to show that memory
 * does not grow with the record count.
 */
public final class MemoryFootprint {
  private final List<Long> sizes;
  private final String heap;
  private final ServiceStores stores;
  private final Callable<PostgresqlBench> databases;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  /**
   * @param stores the stores the child's service runs with, handed to it as {@code DATAEXPORT_}
   *     variables
   */
  public MemoryFootprint(
      List<Long> sizes,
      String heap,
      ServiceStores stores,
      Callable<PostgresqlBench> databases,
      String jdbcUrl,
      String user,
      String password) {
    this.sizes = List.copyOf(sizes);
    this.heap = heap;
    this.stores = stores;
    this.databases = databases;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** Syncs each size in its own child JVM and reports the peaks. */
  public ScenarioResult run() throws Exception {
    List<Figure> figures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    List<Double> liveHeaps = new ArrayList<>();
    for (long rows : sizes) {
      JsonNode result = probe(rows);
      details.put(Long.toString(rows), result);
      boolean completed = result.path("completed").asBoolean();
      double live = result.path("peakLiveHeapMiB").asDouble();
      liveHeaps.add(live);
      String size = String.format(Locale.ROOT, "%,d rows", rows);
      figures.add(
          new Figure(
              "peak live heap (after full GC), " + size,
              "MiB",
              live,
              List.of(live),
              "completes in -Xmx" + heap,
              completed));
      figures.add(
          Figure.of(
              "peak heap in use, " + size,
              "MiB",
              List.of(result.path("peakHeapUsedMiB").asDouble())));
      figures.add(
          Figure.of(
              "peak RSS, " + size, "MiB", List.of(result.path("rssHighWaterMarkMiB").asDouble())));
      figures.add(
          Figure.of(
              "sync rate, " + size, "rows/s", List.of(result.path("rowsPerSecond").asDouble())));
      notes.add(
          String.format(
              Locale.ROOT,
              "%s: %s in %.0f s with -Xmx%s, %d collections",
              size,
              completed ? "completed" : "DID NOT COMPLETE",
              result.path("seconds").asDouble(),
              heap,
              result.path("collections").asLong()));
    }
    if (liveHeaps.size() > 1) {
      notes.add(
          String.format(
              Locale.ROOT,
              "live heap at the largest size is %.2fx the smallest's, for %.0fx the rows",
              liveHeaps.getLast() / liveHeaps.getFirst(),
              (double) sizes.getLast() / sizes.getFirst()));
    }
    return new ScenarioResult(
        "memory",
        "initial sync of account in a child JVM (-Xmx"
            + heap
            + ", default GC, a full GC forced every 5 s to read the live heap) from the emulator"
            + " in the harness JVM into PostgreSQL; "
            + stores.name()
            + " stores: "
            + stores.description(),
        figures,
        notes,
        details);
  }

  private JsonNode probe(long rows) throws Exception {
    try (DataverseEmulator emulator = EmulatorSource.start(rows);
        PostgresqlBench database = databases.call();
        FreshStores fresh = stores.open()) {
      SourceEndpoint source = SourceEndpoint.of(emulator);
      List<String> command =
          List.of(
              ProcessHandle.current().info().command().orElse("java"),
              "-Xmx" + heap,
              "-XX:+ExitOnOutOfMemoryError",
              "--enable-native-access=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              MemoryProbe.class.getName(),
              source.url(),
              source.tokenUrl(),
              source.clientId(),
              source.clientSecret(),
              jdbcUrl,
              user,
              password,
              database.schema(),
              Long.toString(rows));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      // the child's service takes its stores from its environment: these, none of the caller's
      builder.environment().keySet().removeIf(name -> name.startsWith("DATAEXPORT_"));
      builder.environment().putAll(fresh.environment());
      Process child = builder.start();
      Thread stopChild = new Thread(child::destroy, "bench-stop-memory-probe");
      Runtime.getRuntime().addShutdownHook(stopChild);
      String result = null;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith(MemoryProbe.RESULT)) {
            result = line.substring(MemoryProbe.RESULT.length());
          }
        }
      }
      int exit = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(stopChild);
      if (result == null) {
        throw new IllegalStateException(
            "the child JVM syncing " + rows + " rows exited with " + exit + " and no result");
      }
      long written = database.count("account");
      JsonNode parsed = new ObjectMapper().readTree(result);
      System.err.printf(
          Locale.ROOT,
          "  memory %,d rows: live heap %.1f MiB, heap in use %.1f MiB, RSS %.1f MiB, %,d rows"
              + " written%n",
          rows,
          parsed.path("peakLiveHeapMiB").asDouble(),
          parsed.path("peakHeapUsedMiB").asDouble(),
          parsed.path("rssHighWaterMarkMiB").asDouble(),
          written);
      if (written != rows) {
        throw new IllegalStateException(
            "the destination holds " + written + " accounts, expected " + rows);
      }
      return parsed;
    }
  }
}
