package io.dataexport.server.config;

import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one service node (SPEC §8), typed and immutable. {@link #load} merges, each
 * winning over the one before: the embedded defaults, the YAML file ({@code --config}), the
 * environment ({@code DATAEXPORT_} + the key in upper snake case, see {@link
 * EnvironmentVariables}), and the command line's flags. Then it checks everything and refuses with
 * every problem at once, before anything is opened.
 *
 * @param api where the API listens
 * @param data the node's local directory ({@code data}, {@code ./data} by default)
 * @param node this node's name
 * @param store the config and metrics store
 * @param bus the notification bus
 * @param blobs the blob store
 * @param keys the blob store's key-encryption keys
 * @param auth the API's credentials besides API keys, and what is public
 * @param cluster whether this node runs in a cluster, and its leases
 */
public record ServiceConfig(
    ApiConfig api,
    Path data,
    NodeConfig node,
    StoreConfig store,
    BusConfig bus,
    BlobsConfig blobs,
    KeysConfig keys,
    AuthConfig auth,
    ClusterConfig cluster) {
  private static final String COMMAND_LINE = "the command line";

  /**
   * Reads and checks the configuration with the plugins installed on the class path.
   *
   * @param file the YAML file, or null for none
   * @param environment the process's environment; variables not beginning with {@code DATAEXPORT_}
   *     are ignored
   * @param overrides values from the command line by key (e.g. {@link ConfigKeys#API_PORT}); they
   *     win over everything
   * @throws InvalidConfigException with every problem found
   */
  public static ServiceConfig load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    return load(file, environment, overrides, InstalledPlugins.onClassPath());
  }

  /** Like {@link #load(Path, Map, Map)}, with the plugins given. */
  static ServiceConfig load(
      Path file,
      Map<String, String> environment,
      Map<String, String> overrides,
      InstalledPlugins installed) {
    List<Problem> problems = new ArrayList<>();
    Map<String, ConfigValue> values = new LinkedHashMap<>();
    if (file != null) {
      values.putAll(ConfigFile.read(file, problems));
    }
    values.putAll(EnvironmentVariables.read(environment));
    overrides.forEach((key, value) -> values.put(key, new ConfigValue(value, COMMAND_LINE)));

    ConfigReader reader = new ConfigReader(values, problems);
    Path data = reader.path(ConfigKeys.DATA, Path.of("data"));
    ApiConfig api = ApiConfig.read(reader);
    NodeConfig node = NodeConfig.read(reader);
    StoreConfig store = StoreConfig.read(reader, data);
    ServiceConfig config =
        new ServiceConfig(
            api,
            data,
            node,
            store,
            BusConfig.read(reader),
            BlobsConfig.read(reader),
            KeysConfig.read(reader),
            AuthConfig.read(reader),
            ClusterConfig.read(reader, store));
    config.cluster().check(config.bus(), config.blobs(), reader);
    reader.reportUnknownKeys();
    installed.check(config, reader);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return config;
  }

  /**
   * The embedded defaults with a data directory and an API address, for the demo and for tests; the
   * environment plays no part.
   */
  public static ServiceConfig embedded(Path data, String host, int port) {
    return load(
        null,
        Map.of(),
        Map.of(
            ConfigKeys.DATA,
            data.toString(),
            ConfigKeys.API_HOST,
            host,
            ConfigKeys.API_PORT,
            Integer.toString(port)));
  }
}
