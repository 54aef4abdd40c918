package io.dataexport.store.blob;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps blob keys to files under the store's root and back. A key {@code a/b/c} is the file {@code
 * a/b/c.blob}: the suffix keeps a blob's file apart from the directory of a longer key ({@code
 * a/b/c/d}) and from the temporary file a write goes through ({@code c.blob.tmp}).
 *
 * <p>Keys are checked by {@link BlobKeyRules} before they touch the file system, so no key can name
 * a file outside the root.
 */
final class BlobPaths {
  static final String SUFFIX = ".blob";
  static final String TEMP_SUFFIX = SUFFIX + ".tmp";

  private final Path root;

  BlobPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /**
   * The file of a key.
   *
   * @throws IllegalArgumentException when the key is not a valid blob key
   */
  Path file(String key) {
    BlobKeyRules.requireKey(key);
    Path file = root.resolve(key + SUFFIX).normalize();
    // Redundant with the check above; kept so that a future change to it cannot open the root.
    if (!file.startsWith(root)) {
      throw BlobKeyRules.invalid(key, "it leads outside the blob directory");
    }
    return file;
  }

  /**
   * The directory holding every blob whose key starts with prefix: the prefix's complete segments.
   *
   * @throws IllegalArgumentException when the prefix could not begin a valid key, or is empty
   */
  Path directoryOf(String prefix) {
    BlobKeyRules.requireDeletePrefix(prefix);
    int lastSlash = prefix.lastIndexOf('/');
    return lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash)).normalize();
  }

  /** The key a file under the root stores, if it is a blob's file or a blob's temporary file. */
  Optional<String> keyOf(Path file) {
    String relative = root.relativize(file.toAbsolutePath().normalize()).toString();
    relative = relative.replace(file.getFileSystem().getSeparator(), "/");
    if (relative.endsWith(TEMP_SUFFIX)) {
      return Optional.of(relative.substring(0, relative.length() - TEMP_SUFFIX.length()));
    }
    if (relative.endsWith(SUFFIX)) {
      return Optional.of(relative.substring(0, relative.length() - SUFFIX.length()));
    }
    return Optional.empty();
  }
}
