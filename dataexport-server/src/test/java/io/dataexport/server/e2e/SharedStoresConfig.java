package io.dataexport.server.e2e;

import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.kafka.KafkaBroker;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.store.blob.ConfiguredKeyProvider;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's configuration with shared stores, as a cluster node has them: the config & metrics store
 * on the test PostgreSQL in a schema of the test's own (with a random {@code store.encryptionKey}),
 * the test run's Kafka broker as the bus, an S3Proxy bucket for blobs. A shared store makes even a
 * single node a cluster.
 */
final class SharedStoresConfig {
  private SharedStoresConfig() {}

  /**
   * @param data the node's data directory
   * @param storeSchema an existing PostgreSQL schema for the store (also the topics' prefix)
   * @param s3 an S3Proxy with a bucket {@code dataexport}
   */
  static ServiceConfig of(Path data, String storeSchema, S3ProxyServer s3) {
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
        Map.of("data", data.toString(), "api.host", "127.0.0.1", "api.port", "0"));
  }
}
