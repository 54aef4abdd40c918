package io.dataexport.server.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.DuplicateApiKeyNameException;
import io.dataexport.core.cluster.ClusterSettings;
import io.dataexport.core.metrics.ProfileMeters;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.service.Plugins;
import io.dataexport.core.service.ProfileService;
import io.dataexport.core.status.ProfileHistory;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.api.RestApi;
import io.dataexport.server.auth.ApiKeyTokens;
import io.dataexport.server.auth.Authenticator;
import io.dataexport.server.auth.ConsoleSessions;
import io.dataexport.server.auth.OidcLogin;
import io.dataexport.server.auth.OidcVerifier;
import io.dataexport.server.auth.Role;
import io.dataexport.server.config.InstalledPlugins;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.tls.ServerIdentity;
import io.dataexport.store.config.JdbcConfigStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: the config store, the blob store (with its key provider), the plugins, the
 * profiles, the meters and the REST API, wired together from a {@link ServiceConfig}. {@code
 * server} and {@code demo} run one; tests start one in-process or as a process.
 */
public final class ServiceNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNode.class);
  private static final String CLOCK_OFFSET = "dataexport.clockOffset";
  static final String FIRST_KEY_NAME = "admin";

  private final ServiceConfig config;
  private final ConfigStore store;
  private final ProfileService profiles;
  private final RestApi api;
  private final int port;
  private final CompletableFuture<Uninstall.Report> uninstalled;
  private final ApiKeyTokens keys;
  private final Optional<ApiKeyTokens.Issued> firstKey;
  private final ProfileHistory history;

  private ServiceNode(
      ServiceConfig config,
      ConfigStore store,
      ProfileService profiles,
      RestApi api,
      int port,
      CompletableFuture<Uninstall.Report> uninstalled,
      ApiKeyTokens keys,
      Optional<ApiKeyTokens.Issued> firstKey,
      ProfileHistory history) {
    this.config = config;
    this.history = history;
    this.store = store;
    this.profiles = profiles;
    this.api = api;
    this.port = port;
    this.uninstalled = uninstalled;
    this.keys = keys;
    this.firstKey = firstKey;
  }

  /**
   * Starts a node with the embedded defaults: everything under the data directory.
   *
   * @param dataDirectory where the config store, the bus, the blob store and its keys, and default
   *     SQLite destinations live
   * @param host interface of the API (127.0.0.1 unless configured otherwise)
   * @param port API port; 0 picks a free one
   */
  public static ServiceNode start(
      Path dataDirectory, String host, int port, SyncSettings settings) {
    return start(ServiceConfig.embedded(dataDirectory, host, port), settings);
  }

  /**
   * Opens the data directory, the config store and the configured blob store (with its key
   * provider), starts the API and resumes the profiles that were active.
   *
   * @param config a configuration that {@link ServiceConfig#load} checked
   * @throws io.dataexport.api.error.ConfigurationException when a plugin cannot work with its
   *     settings, or the data directory's keys do not fit its files
   */
  public static ServiceNode start(ServiceConfig config, SyncSettings settings) {
    Path dataDirectory = config.data();
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the data directory " + dataDirectory + ": " + e.getMessage(), e);
    }
    ConfigStore store = JdbcConfigStore.open(config.store().location(), dataDirectory);
    RestApi api = null;
    ProfileHistory history = null;
    try {
      InstalledPlugins plugins = InstalledPlugins.onClassPath();
      KeyProvider keys = plugins.openKeyProvider(config);
      BlobStore blobs = plugins.openBlobStore(config, keys);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ProfileService profiles =
          new ProfileService(
              store,
              Plugins.load(config.bus().type(), config.bus().settings()),
              dataDirectory,
              settings,
              nodeClock(),
              blobs,
              new SyncMeters(registry));
      ProfileMeters meters = new ProfileMeters(registry);
      history =
          new ProfileHistory(
              profiles::statuses,
              ProfileHistory.INTERVAL,
              ProfileHistory.WINDOW,
              Clock.systemUTC());
      CompletableFuture<Uninstall.Report> uninstalled = new CompletableFuture<>();
      RestApi.Uninstaller uninstaller =
          new RestApi.Uninstaller() {
            @Override
            public String serviceId() {
              return store.serviceId();
            }

            @Override
            public ObjectNode uninstall(boolean dropTables) {
              Uninstall.Report report =
                  Uninstall.run(profiles, store.serviceId(), dataDirectory, dropTables);
              uninstalled.complete(report);
              return report.toJson();
            }
          };
      ApiKeyTokens apiKeys = new ApiKeyTokens(store.apiKeys());
      Optional<ApiKeyTokens.Issued> firstKey = firstKey(apiKeys, store);
      Optional<OidcVerifier> bearerTokens =
          config
              .auth()
              .oidc()
              .map(
                  oidc ->
                      new OidcVerifier(
                          oidc.issuer(), oidc.audience(), oidc.rolesClaim(), oidc.roleMapping()));
      Authenticator authenticator =
          new Authenticator(
              apiKeys,
              bearerTokens,
              new ConsoleSessions(
                  store.derivedKey(ConsoleSessions.KEY_LABEL),
                  store.apiKeys(),
                  config.auth().sessionLifetime(),
                  Clock.systemUTC()),
              Clock.systemUTC());
      api =
          new RestApi(
              profiles,
              () -> {
                // the store's figures are read at scrape time, so every scrape is current
                meters.update(profiles.statuses());
                return registry.scrape();
              },
              uninstaller,
              new RestApi.Security(
                  authenticator,
                  apiKeys,
                  store,
                  config.auth().metricsPublic(),
                  oidcLogin(config, bearerTokens, store),
                  config.api().publicUrl()),
              history);
      int bound =
          api.start(
              config.api().host(),
              config.api().port(),
              config.api().tls().map(ServerIdentity::sslContext));
      if (config.cluster().enabled()) {
        // a node with another store.encryptionKey was refused when it opened the store (key check)
        profiles.joinCluster(
            new ClusterSettings(
                config.node().id(),
                config.api().scheme() + "://" + advertisedHost(config.api().host()) + ":" + bound,
                config.cluster().leaseDuration()));
      } else {
        profiles.resumeActive();
      }
      history.start();
      LOG.info(
          "Node {} started: API on {}://{}:{}, data {}, bus {}, blobs {}, keys {}",
          config.node().id(),
          config.api().scheme(),
          config.api().host(),
          bound,
          dataDirectory.toAbsolutePath(),
          config.bus().type(),
          config.blobs().type(),
          config.keys().type());
      return new ServiceNode(
          config, store, profiles, api, bound, uninstalled, apiKeys, firstKey, history);
    } catch (RuntimeException e) {
      // e.g. the port is taken: release the store (and its files) for the next attempt
      if (history != null) {
        history.close();
      }
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

  /** The host other nodes and administrators reach this node's API at. */
  /**
   * The clock the pipeline starts from (in a cluster, set by the store's): the system's, shifted by
   * the system property {@value #CLOCK_OFFSET} (an ISO-8601 duration such as {@code -PT1M}) when
   * given — a test hook that plays a node whose clock is off.
   */
  static Clock nodeClock() {
    String offset = System.getProperty(CLOCK_OFFSET);
    if (offset == null) {
      return Clock.systemUTC();
    }
    try {
      return Clock.offset(Clock.systemUTC(), Duration.parse(offset));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "-D" + CLOCK_OFFSET + "=" + offset + " is not an ISO-8601 duration such as -PT1M", e);
    }
  }

  private static String advertisedHost(String host) {
    if (!host.equals("0.0.0.0") && !host.equals("::")) {
      return host;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return host;
    }
  }

  /** The console's OpenID Connect sign-in, when an issuer and a client id are configured. */
  private static Optional<OidcLogin> oidcLogin(
      ServiceConfig config, Optional<OidcVerifier> bearerTokens, ConfigStore store) {
    return config
        .auth()
        .oidc()
        .flatMap(
            oidc ->
                oidc.login()
                    .map(
                        login ->
                            new OidcLogin(
                                new OidcVerifier(
                                    oidc.issuer(),
                                    login.clientId(),
                                    oidc.rolesClaim(),
                                    oidc.roleMapping()),
                                bearerTokens,
                                login.clientId(),
                                login.clientSecret(),
                                login.scopes(),
                                store.derivedKey(OidcLogin.KEY_LABEL),
                                Clock.systemUTC())));
  }

  /**
   * On a store without any API key (the first start), an {@code admin} key so the service can be
   * used at all. Nodes of a cluster starting together on a new store make one between them.
   */
  private static Optional<ApiKeyTokens.Issued> firstKey(ApiKeyTokens keys, ConfigStore store) {
    if (!store.apiKeys().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(keys.issue(FIRST_KEY_NAME, Role.ADMIN));
    } catch (DuplicateApiKeyNameException anotherNodeWasFirst) {
      return Optional.empty();
    }
  }

  /**
   * The {@code admin} key made at this start because the store had none, to show its user once
   * (never to log); empty on every later start.
   */
  public Optional<ApiKeyTokens.Issued> firstKey() {
    return firstKey;
  }

  /** Makes API keys in this node's store (for the CLI and for tests that call the API). */
  public ApiKeyTokens keys() {
    return keys;
  }

  /**
   * Completes once the service was uninstalled through the API ({@code DELETE /api/v1}): the node
   * has nothing left to serve and its process should stop.
   */
  public CompletableFuture<Uninstall.Report> uninstalled() {
    return uninstalled;
  }

  /** The configuration it runs with. */
  public ServiceConfig config() {
    return config;
  }

  public int port() {
    return port;
  }

  /** The profiles' recent activity it samples, for the console's chart. */
  public ProfileHistory history() {
    return history;
  }

  /** Its REST API. */
  public RestApi api() {
    return api;
  }

  public ProfileService profiles() {
    return profiles;
  }

  @Override
  public void close() {
    try {
      history.close();
      api.close();
      profiles.close();
    } finally {
      store.close();
    }
  }
}
