package io.dataexport.emulator;

import io.dataexport.emulator.auth.AccessTokens;
import io.dataexport.emulator.http.EmulatorServer;
import io.dataexport.emulator.http.WebApi;
import io.dataexport.emulator.sample.SampleData;
import io.dataexport.emulator.sample.SampleOrganisation;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.emulator.throttle.ServiceProtection;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running Dataverse Web API emulator: the sample organisation, its HTTP endpoints and the knobs
 * tests turn (throttling, change workload, clock).
 *
 * <pre>{@code
 * try (DataverseEmulator emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0))) {
 *   URI root = emulator.webApiRoot(); // http://127.0.0.1:<port>/api/data/v9.2/
 * }
 * }</pre>
 */
public final class DataverseEmulator implements AutoCloseable {
  /** Tenant used in {@link #tokenUrl()}; the endpoint accepts any tenant. */
  public static final String TENANT = "emulator";

  private final EmulatorSettings settings;
  private final OrganisationStore store;
  private final ServiceProtection serviceProtection;
  private final EmulatorServer server;
  private final ScheduledExecutorService housekeeping;
  private final int port;

  private DataverseEmulator(EmulatorSettings settings) {
    this.settings = settings;
    SampleData data =
        new SampleData(SampleOrganisation.metadata(), settings.seed(), settings.seedRecords());
    this.store = new OrganisationStore(data, settings.clock(), settings.changeRetention());
    this.serviceProtection = new ServiceProtection(settings.clock());
    AccessTokens tokens =
        new AccessTokens(
            settings.clientId(),
            settings.clientSecret(),
            settings.tokenLifetime(),
            settings.clock());
    this.server = new EmulatorServer(tokens, serviceProtection);
    this.port =
        server.start(
            settings.host(),
            settings.port(),
            bound -> new WebApi(store, root(settings.host(), bound)));
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "emulator-housekeeping");
              t.setDaemon(true);
              return t;
            });
    housekeeping.scheduleWithFixedDelay(store::forgetExpiredChanges, 10, 10, TimeUnit.SECONDS);
  }

  /** Starts an emulator; port 0 in the settings picks a free port. */
  public static DataverseEmulator start(EmulatorSettings settings) {
    return new DataverseEmulator(settings);
  }

  private static String root(String host, int port) {
    return "http://" + host + ":" + port + EmulatorServer.API_PREFIX;
  }

  public EmulatorSettings settings() {
    return settings;
  }

  public int port() {
    return port;
  }

  /** {@code http://<host>:<port>/} */
  public URI baseUrl() {
    return URI.create("http://" + settings.host() + ":" + port + "/");
  }

  /** The Web API root, {@code http://<host>:<port>/api/data/v9.2/}. */
  public URI webApiRoot() {
    return URI.create(root(settings.host(), port));
  }

  /** The OAuth2 token endpoint, {@code http://<host>:<port>/emulator/oauth2/v2.0/token}. */
  public URI tokenUrl() {
    return baseUrl().resolve(TENANT + "/oauth2/v2.0/token");
  }

  /** The organisation's records, for tests that check or change them in-process. */
  public OrganisationStore store() {
    return store;
  }

  /** Service-protection limits; off until switched on. */
  public ServiceProtection serviceProtection() {
    return serviceProtection;
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    server.close();
  }
}
