package io.dataexport.store.blob;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.KeyProviderFactory;
import io.dataexport.api.error.Problem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code keys.type: local} (the default): {@link LocalKeyProvider} with its keys in {@code <data
 * directory>/keys/blob-keys}, or in {@code keys.directory} when set, such as a volume every node of
 * a cluster mounts. Found with {@link java.util.ServiceLoader}.
 */
public final class LocalKeyProviderFactory implements KeyProviderFactory {
  /** The {@code keys.type} of this provider. */
  public static final String TYPE = "local";

  static final String DIRECTORY = "directory";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    List<Problem> problems =
        new ArrayList<>(KeySettings.unknown(settings, TYPE, Set.of(DIRECTORY)));
    String directory = settings.get(DIRECTORY);
    if (directory != null) {
      if (directory.isBlank()) {
        problems.add(
            new Problem(
                "keys." + DIRECTORY,
                directory,
                "is empty: give the directory of the blob keys, or leave it out for"
                    + " <data>/keys/blob-keys."));
      } else {
        try {
          Path.of(directory);
        } catch (InvalidPathException e) {
          problems.add(
              new Problem(
                  "keys." + DIRECTORY,
                  directory,
                  "is not a path on this system (" + e.getReason() + "): give a directory."));
        }
      }
    }
    return problems;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Creates the directory and a first key on first use; a relative {@code keys.directory} is
   * taken from the working directory.
   *
   * @throws io.dataexport.api.error.ConfigurationException when the settings cannot work or the
   *     primary key file is missing or corrupt
   * @throws io.dataexport.api.error.RetriableException when the key files cannot be read or written
   *     now
   */
  @Override
  public KeyProvider open(Map<String, String> settings, Path dataDirectory) {
    List<Problem> problems = check(settings);
    if (!problems.isEmpty()) {
      throw KeySettings.refused(TYPE, problems);
    }
    String directory = settings.get(DIRECTORY);
    return directory == null
        ? LocalKeyProvider.open(dataDirectory)
        : LocalKeyProvider.openKeyDirectory(Path.of(directory));
  }
}
