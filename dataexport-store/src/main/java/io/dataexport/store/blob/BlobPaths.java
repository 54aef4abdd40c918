package io.dataexport.store.blob;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps blob keys to files under the store's root and back. A key {@code a/b/c} is the file {@code
 * a/b/c.blob}: the suffix keeps a blob's file apart from the directory of a longer key ({@code
 * a/b/c/d}) and from the temporary file a write goes through ({@code c.blob.tmp}).
 *
 * <p>Keys are checked before they touch the file system: slash-separated segments of letters,
 * digits, {@code .}, {@code _} and {@code -}, none of them {@code .} or {@code ..}, so no key can
 * name a file outside the root.
 */
final class BlobPaths {
  static final String SUFFIX = ".blob";
  static final String TEMP_SUFFIX = SUFFIX + ".tmp";
  private static final int MAX_SEGMENT = 200;
  private static final int MAX_KEY = 1024;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_SEGMENT + "}");

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
    check(key, key);
    Path file = root.resolve(key + SUFFIX).normalize();
    // Redundant with the check above; kept so that a future change to it cannot open the root.
    if (!file.startsWith(root)) {
      throw invalid(key, "it leads outside the blob directory");
    }
    return file;
  }

  /**
   * The directory holding every blob whose key starts with prefix: the prefix's complete segments.
   *
   * @throws IllegalArgumentException when the prefix could not begin a valid key, or is empty
   */
  Path directoryOf(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException(
          "An empty blob key prefix would delete every blob; give at least the profile id.");
    }
    boolean complete = prefix.endsWith("/");
    check(complete ? prefix.substring(0, prefix.length() - 1) : prefix, prefix);
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

  private static void check(String path, String original) {
    if (original == null) {
      throw new IllegalArgumentException("A blob key is required, but it was null.");
    }
    if (original.length() > MAX_KEY) {
      throw invalid(original, "it is longer than " + MAX_KEY + " characters");
    }
    if (path.startsWith("/")) {
      throw invalid(
          original, "it is absolute; keys are relative paths beginning with the profile id");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw invalid(original, "it has an empty segment (a leading, doubled or trailing '/')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid(original, "it has a '" + segment + "' segment");
      }
      if (!SEGMENT.matcher(segment).matches()) {
        throw invalid(
            original,
            "segment '"
                + segment
                + "' is not 1 to "
                + MAX_SEGMENT
                + " letters, digits, '.', '_' or '-'");
      }
    }
  }

  private static IllegalArgumentException invalid(String key, String why) {
    return new IllegalArgumentException(
        "'"
            + key
            + "' is not a valid blob key: "
            + why
            + ". Keys look like <profile id>/parked/<id>.");
  }
}
