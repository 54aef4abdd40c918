package io.dataexport.bench.stores;

import io.dataexport.server.config.ConfigKeys;
import io.dataexport.server.config.ServiceConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fresh, empty stores for one service under test, given as the {@code DATAEXPORT_} environment
 * variables that point a node at them (none for the embedded defaults), so that a service in a
 * child JVM can be handed them as they are.
 *
 * @param environment {@code DATAEXPORT_} variables by name; secrets among them, never printed
 * @param removal removes the stores (drops a schema); runs on {@link #close}
 */
public record FreshStores(Map<String, String> environment, Runnable removal)
    implements AutoCloseable {

  public FreshStores {
    environment = Map.copyOf(environment);
  }

  /** The configuration of a node on these stores with its data directory and a free API port. */
  public ServiceConfig config(Path data) {
    return config(environment, data);
  }

  /**
   * The configuration of a node with a data directory and a free API port on 127.0.0.1, its stores
   * given by {@code DATAEXPORT_} variables; a child JVM passes its own environment.
   *
   * @throws io.dataexport.server.config.InvalidConfigException when the variables do not make a
   *     configuration
   */
  public static ServiceConfig config(Map<String, String> environment, Path data) {
    return ServiceConfig.load(
        null,
        environment,
        Map.of(
            ConfigKeys.DATA, data.toString(),
            ConfigKeys.API_HOST, "127.0.0.1",
            ConfigKeys.API_PORT, "0"));
  }

  @Override
  public void close() {
    removal.run();
  }

  @Override
  public String toString() {
    return "FreshStores" + environment.keySet();
  }
}
