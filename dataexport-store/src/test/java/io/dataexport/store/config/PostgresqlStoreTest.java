package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store compatibility kits against the shared store on the real PostgreSQL. */
class PostgresqlStoreTest {
  @Test
  void aStoreOpenedWithAnotherEncryptionKeyIsRefusedSayingWhatToRestore(@TempDir Path data) {
    try (PostgresqlStoreFixture fixture = new PostgresqlStoreFixture(data)) {
      fixture.open().close();
      byte[] otherKey = new byte[32];

      assertThatThrownBy(() -> JdbcConfigStore.open(fixture.location(otherKey), data))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("store.encryptionKey is not the key")
          .hasMessageNotContaining("password");
    }
  }

  @Nested
  class Profiles extends ConfigStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Failures extends FailureStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class FailureResyncs extends FailureResyncStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Audit extends AuditLogKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class LeaseTable extends LeasesKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Keys extends ApiKeysKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }
}
