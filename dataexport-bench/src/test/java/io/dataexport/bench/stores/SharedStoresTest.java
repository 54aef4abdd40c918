package io.dataexport.bench.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.bench.db.PostgresqlBench;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared stores on the test PostgreSQL, a real S3Proxy and a real Kafka broker, with a service
 * node (a cluster of one) on them.
 */
class SharedStoresTest {
  private static final String URL = postgresql("url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER = postgresql("user", "postgres");
  private static final String PASSWORD = postgresql("password", "");

  private static final SharedStores STORES =
      new SharedStores(() -> PostgresqlBench.open(URL, USER, PASSWORD));

  @AfterAll
  static void stopS3Proxy() {
    STORES.close();
  }

  @Test
  void aServiceRunsOnItsOwnSchemaAndBucketPrefixAndTheSchemaGoesWithTheStores(@TempDir Path data)
      throws Exception {
    String schema;
    try (FreshStores fresh = STORES.open()) {
      ServiceConfig config = fresh.config(data);
      schema = fresh.environment().get("DATAEXPORT_BLOBS_PREFIX");
      assertThat(config.store().url()).startsWith(URL).endsWith("currentSchema=" + schema);
      assertThat(config.store().encryptionKey()).isPresent();
      assertThat(config.blobs().type()).isEqualTo("s3");
      assertThat(config.bus().type()).isEqualTo("kafka");
      assertThat(config.bus().topicPrefix()).isEqualTo(schema);
      assertThat(config.cluster().enabled()).isTrue();

      try (ServiceNode node = ServiceNode.start(config, SyncSettings.defaults())) {
        assertThat(node.profiles().list()).isEmpty();
      }
      assertThat(tables(schema)).contains("profile");
    }
    assertThat(schemaExists(schema)).isFalse();
  }

  @Test
  void everyServiceGetsFreshStoresWithAKeyOfItsOwn() throws Exception {
    try (FreshStores first = STORES.open();
        FreshStores second = STORES.open()) {
      assertThat(first.environment().get("DATAEXPORT_STORE_URL"))
          .isNotEqualTo(second.environment().get("DATAEXPORT_STORE_URL"));
      assertThat(first.environment().get("DATAEXPORT_STORE_ENCRYPTION_KEY"))
          .isNotEqualTo(second.environment().get("DATAEXPORT_STORE_ENCRYPTION_KEY"));
      assertThat(first.toString())
          .doesNotContain(first.environment().get("DATAEXPORT_BLOBS_SECRET_KEY"));
    }
  }

  /** The test PostgreSQL's settings, as every module's tests read them. */
  private static String postgresql(String setting, String otherwise) {
    return System.getProperty("dataexport.test.postgresql." + setting, otherwise);
  }

  private static List<String> tables(String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
      statement.setString(1, schema);
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      return tables;
    }
  }

  private static boolean schemaExists(String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }
}
