package io.dataexport.server.e2e;

import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.kafka.KafkaBroker;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.store.blob.ConfiguredKeyProvider;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The end-to-end scenario into a real PostgreSQL with the config & metrics store on PostgreSQL too
 * ({@code store.url}, in a schema of its own, key from {@code store.encryptionKey}) instead of the
 * embedded SQLite file. A shared store makes the node a (one-node) cluster, which needs a shared
 * bus and blob store as well: the test run's Kafka broker and an S3Proxy of the test's own.
 */
class PostgresqlStoreEndToEndTest extends PostgresqlEndToEndTest {
  private final String storeSchema =
      "store" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  private S3ProxyServer s3;

  @BeforeEach
  void createStoreSchema() throws SQLException {
    PostgresqlTestSchema.executeAsTest("CREATE SCHEMA \"" + storeSchema + "\"");
    s3 = S3ProxyServer.start();
    s3.createBucket("dataexport");
  }

  @AfterEach
  void dropStoreSchema() throws SQLException {
    try {
      if (s3 != null) {
        s3.close();
      }
    } finally {
      PostgresqlTestSchema.executeAsTest("DROP SCHEMA IF EXISTS \"" + storeSchema + "\" CASCADE");
    }
  }

  @Override
  protected ServiceConfig serviceConfig(Path service) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String url = PostgresqlTestSchema.URL;
    Map<String, String> environment = new HashMap<>();
    environment.put(
        "DATAEXPORT_STORE_URL",
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + storeSchema);
    environment.put("DATAEXPORT_STORE_USERNAME", PostgresqlTestSchema.USER);
    if (!PostgresqlTestSchema.PASSWORD.isEmpty()) {
      environment.put("DATAEXPORT_STORE_PASSWORD", PostgresqlTestSchema.PASSWORD);
    }
    environment.put("DATAEXPORT_STORE_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
    environment.put("DATAEXPORT_BUS_TYPE", "kafka");
    environment.put("DATAEXPORT_BUS_BOOTSTRAP_SERVERS", KafkaBroker.shared().bootstrapServers());
    environment.put("DATAEXPORT_BUS_TOPIC_PREFIX", storeSchema);
    environment.put("DATAEXPORT_BLOBS_TYPE", "s3");
    s3.settings("dataexport")
        .forEach(
            (name, value) ->
                environment.put(
                    "DATAEXPORT_BLOBS_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(),
                    value));
    environment.put("DATAEXPORT_KEYS_TYPE", "configured");
    environment.put("DATAEXPORT_KEYS_PRIMARY_ID", "k1");
    environment.put("DATAEXPORT_KEYS_KEYS", ConfiguredKeyProvider.newKeyEntry("k1"));
    return ServiceConfig.load(
        null,
        environment,
        Map.of("data", service.toString(), "api.host", "127.0.0.1", "api.port", "0"));
  }
}
