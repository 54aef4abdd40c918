package io.dataexport.store.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The embedded store in a test's temporary data directory (JUnit removes the directory). */
final class SqliteStoreFixture implements StoreFixture {
  private final Path dataDirectory;

  SqliteStoreFixture(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  @Override
  public JdbcConfigStore open() {
    return JdbcConfigStore.open(dataDirectory);
  }

  @Override
  public List<String> appliedMigrations() {
    return SqliteFiles.appliedMigrations(dataDirectory);
  }

  @Override
  public String rawContent() {
    try {
      return SqliteFiles.rawContent(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {}
}
