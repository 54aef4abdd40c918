package io.dataexport.server.e2e;

import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.kafka.KafkaBroker;
import io.dataexport.store.blob.ConfiguredKeyProvider;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The stores that the nodes of one test share (SPEC §8): a fresh schema of the test PostgreSQL as
 * the config &amp; metrics store, the test run's {@link KafkaBroker#shared() broker} under a topic
 * prefix of its own, an S3Proxy of its own with the bucket {@code dataexport}, one {@code
 * store.encryptionKey} and one set of configured blob keys. {@link #yaml} writes what a node's
 * configuration file says about them, so the shared-stores test and the cluster tests configure
 * their nodes alike. {@link #close()} stops S3Proxy and drops the schema.
 */
final class SharedStores implements AutoCloseable {
  private final String schema;
  private final String topicPrefix;
  private final String encryptionKey;
  private final String blobKeys = ConfiguredKeyProvider.newKeyEntry("k1");
  private final KafkaBroker kafka;
  private final S3ProxyServer s3;

  /**
   * Makes the schema {@code <schemaPrefix><random hex>}, takes the shared broker and starts S3Proxy
   * with its bucket; fails loudly when PostgreSQL is not there.
   *
   * @param topicPrefix the start of the Kafka topic prefix, followed by the same random hex
   */
  SharedStores(String schemaPrefix, String topicPrefix) throws SQLException {
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    this.schema = schemaPrefix + suffix;
    this.topicPrefix = topicPrefix + suffix;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.encryptionKey = Base64.getEncoder().encodeToString(key);
    new PostgresqlTestSchema(); // fails loudly when PostgreSQL is not there
    PostgresqlTestSchema.executeAsTest("CREATE SCHEMA \"" + schema + "\"");
    this.kafka = KafkaBroker.shared();
    S3ProxyServer started = null;
    try {
      started = S3ProxyServer.start();
      started.createBucket("dataexport");
    } catch (RuntimeException e) {
      if (started != null) {
        started.close();
      }
      dropSchema();
      throw e;
    }
    this.s3 = started;
  }

  S3ProxyServer s3() {
    return s3;
  }

  /** The Kafka topic prefix of the nodes. */
  String topicPrefix() {
    return topicPrefix;
  }

  /**
   * The JDBC URL of the store's schema, through {@code port} of 127.0.0.1 when given (a {@link
   * TcpProxy} in front of PostgreSQL), else straight to the test PostgreSQL.
   */
  String storeUrl(Optional<Integer> port) {
    String url = PostgresqlTestSchema.URL;
    if (port.isPresent()) {
      url = url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port.get() + "/");
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A connection of the test to the store's schema. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        storeUrl(Optional.empty()), PostgresqlTestSchema.USER, PostgresqlTestSchema.PASSWORD);
  }

  /**
   * The {@code store}, {@code bus}, {@code blobs} and {@code keys} sections of a node's YAML, each
   * line ending in a newline.
   *
   * @param storeUrl where the node connects to the store ({@link #storeUrl})
   * @param busLines more lines of the bus section, indented (e.g. {@code " partitions: 6"})
   */
  String yaml(String storeUrl, String... busLines) {
    Map<String, String> blobs = s3.settings("dataexport");
    StringBuilder yaml = new StringBuilder();
    lines(
        yaml,
        "store:",
        "  url: \"" + storeUrl + "\"",
        "  username: " + PostgresqlTestSchema.USER,
        PostgresqlTestSchema.PASSWORD.isEmpty()
            ? ""
            : "  password: \"" + PostgresqlTestSchema.PASSWORD + "\"",
        "  encryptionKey: \"" + encryptionKey + "\"",
        "bus:",
        "  type: kafka",
        "  bootstrapServers: \"" + kafka.bootstrapServers() + "\"",
        "  topicPrefix: " + topicPrefix);
    lines(yaml, busLines);
    lines(
        yaml,
        "blobs:",
        "  type: s3",
        "  endpoint: \"" + blobs.get("endpoint") + "\"",
        "  region: " + blobs.get("region"),
        "  bucket: " + blobs.get("bucket"),
        "  accessKey: \"" + blobs.get("accessKey") + "\"",
        "  secretKey: \"" + blobs.get("secretKey") + "\"",
        "  pathStyle: true",
        "keys:",
        "  type: configured",
        "  primaryId: k1",
        "  keys: \"" + blobKeys + "\"");
    return yaml.toString();
  }

  private static void lines(StringBuilder yaml, String... lines) {
    for (String line : lines) {
      yaml.append(line).append('\n');
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      s3.close();
    } finally {
      dropSchema();
    }
  }

  private void dropSchema() throws SQLException {
    PostgresqlTestSchema.executeAsTest("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
  }
}
