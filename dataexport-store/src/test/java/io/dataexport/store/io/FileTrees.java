package io.dataexport.store.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Looks at a directory tree the service is changing while a test looks. */
public final class FileTrees {
  private static final int ATTEMPTS = 10;

  private FileTrees() {}

  /**
   * The regular files under root (none when root does not exist). The stores create and prune
   * directories as they go; a directory gone in the middle of the walk makes it walk again.
   */
  public static List<Path> regularFiles(Path root) {
    for (int attempt = 1; ; attempt++) {
      if (!Files.exists(root)) {
        return List.of();
      }
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(Files::isRegularFile).toList();
      } catch (IOException | UncheckedIOException e) {
        boolean vanished =
            e instanceof NoSuchFileException || e.getCause() instanceof NoSuchFileException;
        if (!vanished || attempt == ATTEMPTS) {
          throw e instanceof UncheckedIOException unchecked
              ? unchecked
              : new UncheckedIOException((IOException) e);
        }
      }
    }
  }
}
