package io.dataexport.server.e2e;

import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.server.config.ServiceConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HexFormat;
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
    return SharedStoresConfig.of(service, storeSchema, s3);
  }
}
