package io.dataexport.jdbc.dialect.sqlite;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.JdbcDestinationProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code destination.type = sqlite}: the SQL destination on {@link SqliteDialect}. The one type
 * that needs no settings: a profile without any gets a file named after it in the data directory.
 */
public final class SqliteDestinationProvider extends JdbcDestinationProvider {
  static final String EXAMPLE_URL = "jdbc:sqlite:./data/export.sqlite";

  public SqliteDestinationProvider() {
    super(new SqliteDialect());
  }

  /** {@code jdbc:sqlite:<data directory>/<profile name in lower case, dashed>.sqlite}. */
  @Override
  public Optional<DestinationConfig> defaultConfig(String profileName, Path dataDirectory) {
    Path file = dataDirectory.resolve(fileName(profileName) + ".sqlite").toAbsolutePath();
    return Optional.of(
        new DestinationConfig(
            SqliteDialect.TYPE, SqliteDatabaseFile.URL_PREFIX + file, null, null, null, null));
  }

  @Override
  public DestinationConfig example() {
    return new DestinationConfig(SqliteDialect.TYPE, EXAMPLE_URL, null, null, null, null);
  }

  private static String fileName(String profileName) {
    String safe =
        profileName
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    return safe.isEmpty() ? "profile" : safe;
  }
}
