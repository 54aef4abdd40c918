package io.dataexport.store.config;

import io.dataexport.api.store.ConfigStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store compatibility kit shares: a fresh store of the kind under test before each test
 * (its own data directory, database schema or file), closed and removed after it.
 */
abstract class StoreKit {
  @TempDir Path dataDirectory;
  StoreFixture fixture;
  ConfigStore store;

  /** The store kind under test, in a data directory of its own. */
  abstract StoreFixture fixture(Path dataDirectory);

  @BeforeEach
  void openStore() {
    fixture = fixture(dataDirectory);
    store = fixture.open();
  }

  @AfterEach
  void closeStore() {
    store.close();
    fixture.close();
  }
}
