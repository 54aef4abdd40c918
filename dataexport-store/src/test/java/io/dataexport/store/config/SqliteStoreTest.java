package io.dataexport.store.config;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The store compatibility kits against the embedded SQLite store. */
class SqliteStoreTest {
  @Nested
  class Profiles extends ConfigStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Failures extends FailureStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }

  @Nested
  class FailureResyncs extends FailureResyncStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Audit extends AuditLogKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }

  @Nested
  class LeaseTable extends LeasesKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Keys extends ApiKeysKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Nodes extends ClusterNodesKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Fencing extends FencedStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new SqliteStoreFixture(dataDirectory);
    }
  }
}
