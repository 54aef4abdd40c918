package io.dataexport.bench.memory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import io.dataexport.bench.TempDirectory;
import io.dataexport.bench.stores.FreshStores;
import io.dataexport.bench.sync.ServicePipeline;
import io.dataexport.bench.sync.SourceEndpoint;
import io.dataexport.core.sync.SyncSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of the memory scenario: runs the service with one profile syncing the accounts of
 * an emulator (running in the parent) into PostgreSQL, samples its own memory meanwhile, and prints
 * one line {@code RESULT <json>} with the peaks and the sync's duration. Its stores are the ones
 * its {@code DATAEXPORT_} environment variables name (none: the embedded defaults).
 *
 * <p>Arguments: source URL, token URL, client id, client secret, JDBC URL, user, password (may be
 * empty), schema, the number of accounts.
 */
public final class MemoryProbe {
  static final String RESULT = "RESULT ";
  private static final Duration TIMEOUT = Duration.ofHours(3);

  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    SourceEndpoint source = new SourceEndpoint(args[0], args[1], args[2], args[3]);
    DestinationConfig destination =
        new DestinationConfig(
            "postgresql",
            args[4],
            args[5],
            args[6].isEmpty() ? null : Secret.of(args[6]),
            args[7],
            null);
    long rows = Long.parseLong(args[8]);
    try (MemorySampler sampler = new MemorySampler();
        TempDirectory data = TempDirectory.create("dataexport-bench-memory-");
        ServicePipeline pipeline =
            ServicePipeline.create(
                FreshStores.config(System.getenv(), data.path()),
                SyncSettings.defaults(),
                source,
                destination,
                List.of("account"))) {
      long start = System.nanoTime();
      pipeline.activate();
      boolean done = pipeline.awaitCaughtUp(Duration.ofMillis(500), TIMEOUT);
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> result = new java.util.LinkedHashMap<>(sampler.peaks());
      result.put("rows", rows);
      result.put("completed", done);
      result.put("seconds", seconds);
      result.put("rowsPerSecond", rows / seconds);
      System.out.println(RESULT + new ObjectMapper().writeValueAsString(result));
    }
  }
}
