package io.dataexport.server.e2e;

import io.dataexport.server.config.ServiceConfig;
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
 * embedded SQLite file.
 */
class PostgresqlStoreEndToEndTest extends PostgresqlEndToEndTest {
  private final String storeSchema =
      "store" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  @BeforeEach
  void createStoreSchema() throws SQLException {
    PostgresqlTestSchema.executeAsTest("CREATE SCHEMA \"" + storeSchema + "\"");
  }

  @AfterEach
  void dropStoreSchema() throws SQLException {
    PostgresqlTestSchema.executeAsTest("DROP SCHEMA IF EXISTS \"" + storeSchema + "\" CASCADE");
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
    return ServiceConfig.load(
        null,
        environment,
        Map.of("data", service.toString(), "api.host", "127.0.0.1", "api.port", "0"));
  }
}
