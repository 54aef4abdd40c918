package io.dataexport.server.node;

import io.dataexport.api.store.ConfigStore;
import io.dataexport.core.metrics.ProfileMeters;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.service.Plugins;
import io.dataexport.core.service.ProfileService;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.api.RestApi;
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import io.dataexport.store.config.JdbcConfigStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One running service: the config store, the blob store (with its key provider), the plugins, the
 * profiles, the meters and the REST API, wired together. {@code server} and {@code demo} run one;
 * tests start one in-process or as a process.
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
   * @param dataDirectory where the config store, the bus, the blob store and its keys, and default
   *     SQLite destinations live
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
    ConfigStore store = JdbcConfigStore.open(dataDirectory);
    RestApi api = null;
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ProfileService profiles =
          new ProfileService(
              store,
              Plugins.load("embedded"),
              dataDirectory,
              settings,
              Clock.systemUTC(),
              LocalBlobStore.open(dataDirectory, LocalKeyProvider.open(dataDirectory)),
              new SyncMeters(registry));
      ProfileMeters meters = new ProfileMeters(registry);
      api =
          new RestApi(
              profiles,
              () -> {
                // the store's figures are read at scrape time, so every scrape is current
                meters.update(profiles.statuses());
                return registry.scrape();
              });
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
