package io.dataexport.server.node;

import io.dataexport.core.service.Plugins;
import io.dataexport.core.service.ProfileService;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.api.RestApi;
import io.dataexport.store.config.ConfigStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One running service: the config store, the plugins, the profiles and the REST API, wired
 * together. {@code server} and {@code demo} run one; tests start one in-process or as a process.
 */
public final class ServiceNode implements AutoCloseable {
  private final ConfigStore store;
  private final ProfileService profiles;
  private final RestApi api;
  private final int port;

  private ServiceNode(ConfigStore store, ProfileService profiles, RestApi api, int port) {
    this.store = store;
    this.profiles = profiles;
    this.api = api;
    this.port = port;
  }

  /**
   * Opens the data directory, starts the API and resumes the profiles that were active.
   *
   * @param dataDirectory where the config store, the bus and default SQLite destinations live
   * @param host interface of the API (127.0.0.1 unless configured otherwise)
   * @param port API port; 0 picks a free one
   */
  public static ServiceNode start(
      Path dataDirectory, String host, int port, SyncSettings settings) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the data directory " + dataDirectory + ": " + e.getMessage(), e);
    }
    ConfigStore store = ConfigStore.open(dataDirectory);
    RestApi api = null;
    try {
      ProfileService profiles =
          new ProfileService(
              store, Plugins.load("embedded"), dataDirectory, settings, Clock.systemUTC());
      api = new RestApi(profiles);
      int bound = api.start(host, port);
      profiles.resumeActive();
      return new ServiceNode(store, profiles, api, bound);
    } catch (RuntimeException e) {
      // e.g. the port is taken: release the store (and its files) for the next attempt
      if (api != null) {
        try {
          api.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
      }
      store.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public ProfileService profiles() {
    return profiles;
  }

  @Override
  public void close() {
    try {
      api.close();
      profiles.close();
    } finally {
      store.close();
    }
  }
}
