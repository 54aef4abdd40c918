package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.kafka.KafkaBroker;
import io.dataexport.server.auth.ConsoleSessions;
import io.dataexport.server.auth.Principal;
import io.dataexport.server.auth.Role;
import io.dataexport.server.config.ConfigKeys;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import io.dataexport.store.blob.ConfiguredKeyProvider;
import io.dataexport.store.config.JdbcConfigStore;
import io.dataexport.store.config.StoreLocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console sessions in a cluster: two nodes sharing a PostgreSQL config store accept each other's
 * session cookies (no session table: the key is derived from the shared store key), a session past
 * its expiry is refused, and a node of another store refuses them.
 */
class ConsoleSessionClusterTest {
  private static final String URL =
      System.getProperty("dataexport.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER =
      System.getProperty("dataexport.test.postgresql.user", "postgres");
  private static final String PASSWORD =
      System.getProperty("dataexport.test.postgresql.password", "");

  @TempDir Path work;
  private final String schema =
      "sessions" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private final String storeKey = randomKey();
  // a shared store means a cluster, whose nodes share the bus and the blobs too
  private final String blobKeys = ConfiguredKeyProvider.newKeyEntry("k1");
  private S3ProxyServer s3;
  private ServiceNode first;
  private ServiceNode second;
  private ServiceNode stranger;

  @BeforeEach
  void start() throws Exception {
    execute("CREATE SCHEMA \"" + schema + "\"");
    s3 = S3ProxyServer.start();
    s3.createBucket("dataexport");
    first = ServiceNode.start(config("node-1", storeUrl(), storeKey), SyncSettings.defaults());
    second = ServiceNode.start(config("node-2", storeUrl(), storeKey), SyncSettings.defaults());
    stranger =
        ServiceNode.start(
            ServiceConfig.embedded(work.resolve("other"), "127.0.0.1", 0), SyncSettings.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    try {
      for (ServiceNode node : new ServiceNode[] {first, second, stranger}) {
        if (node != null) {
          node.close();
        }
      }
    } finally {
      if (s3 != null) {
        s3.close();
      }
      execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
  }

  @Test
  void aSessionMadeOnOneNodeIsAcceptedByAnotherAndRefusedByAForeignStore() throws Exception {
    String key = first.keys().issue("console-user", Role.ADMIN).token();
    HttpResponse<String> login =
        send(first, "POST", "/api/v1/session", "{\"apiKey\": \"" + key + "\"}", Map.of());
    assertThat(login.statusCode()).isEqualTo(200);
    Map<String, String> cookie = ConsoleSessionTest.cookie(login);

    HttpResponse<String> elsewhere = send(second, "GET", "/api/v1/session", null, cookie);
    assertThat(elsewhere.statusCode()).isEqualTo(200);
    assertThat(elsewhere.body()).isEqualTo(login.body());
    assertThat(send(second, "GET", "/api/v1/profiles", null, cookie).statusCode()).isEqualTo(200);

    assertThat(send(stranger, "GET", "/api/v1/profiles", null, cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void aSessionPastItsExpiryIsRefused() throws Exception {
    var issued = first.keys().issue("late-user", Role.VIEWER);
    String cookie;
    try (JdbcConfigStore store =
        JdbcConfigStore.open(
            new StoreLocation(storeUrl(), USER, PASSWORD, Base64.getDecoder().decode(storeKey)),
            work.resolve("tool"))) {
      Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofHours(9)), ZoneOffset.UTC);
      ConsoleSessions sessions =
          new ConsoleSessions(
              store.derivedKey(ConsoleSessions.KEY_LABEL),
              store.apiKeys(),
              Duration.ofHours(8),
              yesterday);
      cookie = sessions.start(new Principal("late-user", Role.VIEWER), issued.key().id()).cookie();
      ConsoleSessions fresh =
          new ConsoleSessions(
              store.derivedKey(ConsoleSessions.KEY_LABEL),
              store.apiKeys(),
              Duration.ofHours(8),
              Clock.systemUTC());
      String valid =
          fresh.start(new Principal("late-user", Role.VIEWER), issued.key().id()).cookie();
      assertThat(
              send(
                      second,
                      "GET",
                      "/api/v1/session",
                      null,
                      Map.of("Cookie", "dataexport_session=" + valid))
                  .statusCode())
          .as("the same key, a session within its lifetime")
          .isEqualTo(200);
    }

    HttpResponse<String> refused =
        send(
            first,
            "GET",
            "/api/v1/session",
            null,
            Map.of("Cookie", "dataexport_session=" + cookie));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("expired");
  }

  private static HttpResponse<String> send(
      ServiceNode node, String method, String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private ServiceConfig config(String node, String storeUrl, String key) {
    Map<String, String> settings = new java.util.HashMap<>();
    settings.put(ConfigKeys.DATA, work.resolve(node).toString());
    settings.put(ConfigKeys.API_HOST, "127.0.0.1");
    settings.put(ConfigKeys.API_PORT, "0");
    settings.put(ConfigKeys.STORE_URL, storeUrl);
    settings.put(ConfigKeys.STORE_USERNAME, USER);
    if (!PASSWORD.isEmpty()) {
      settings.put(ConfigKeys.STORE_PASSWORD, PASSWORD);
    }
    settings.put(ConfigKeys.STORE_ENCRYPTION_KEY, key);
    settings.put(ConfigKeys.BUS_TYPE, "kafka");
    settings.put(ConfigKeys.BUS_BOOTSTRAP_SERVERS, KafkaBroker.shared().bootstrapServers());
    settings.put(ConfigKeys.BUS_TOPIC_PREFIX, schema);
    settings.put(ConfigKeys.BLOBS_TYPE, "s3");
    s3.settings("dataexport").forEach((name, value) -> settings.put("blobs." + name, value));
    settings.put(ConfigKeys.KEYS_TYPE, "configured");
    settings.put("keys.primaryId", "k1");
    settings.put("keys.keys", blobKeys);
    return ServiceConfig.load(null, Map.of(), settings);
  }

  private String storeUrl() {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
