package io.dataexport.store.blob;

import java.util.regex.Pattern;

/**
 * The {@link io.dataexport.api.blob.BlobStore} contract's rules for keys and prefixes, checked the
 * same way by every store kind before a key reaches a file system or a storage service: keys are
 * slash-separated segments of 1 to 200 letters, digits, {@code .}, {@code _} and {@code -}, none of
 * them {@code .} or {@code ..}, at most 1024 characters in all. A key therefore names nothing
 * outside the store, whatever keeps the blobs. A refused key or prefix is an {@link
 * IllegalArgumentException} naming it and the rule it breaks.
 */
public final class BlobKeyRules {
  static final int MAX_SEGMENT = 200;
  static final int MAX_KEY = 1024;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_SEGMENT + "}");

  private BlobKeyRules() {}

  /**
   * Checks a blob key.
   *
   * @return the key
   * @throws IllegalArgumentException when it is null or not a valid key
   */
  public static String requireKey(String key) {
    check(key, key);
    return key;
  }

  /**
   * Checks the prefix of {@link io.dataexport.api.blob.BlobStore#deleteAll}: it could begin a valid
   * key (complete segments, the last one possibly cut short, or ending with {@code /}) and is not
   * empty, since an empty prefix would delete every blob.
   *
   * @return the prefix
   * @throws IllegalArgumentException when it is null, empty or could begin no valid key
   */
  public static String requireDeletePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException(
          "An empty blob key prefix would delete every blob; give at least the profile id.");
    }
    return requirePrefix(prefix);
  }

  /**
   * Checks the prefix of {@link io.dataexport.api.blob.BlobStore#list}: empty (every blob) or one
   * that could begin a valid key.
   *
   * @return the prefix
   * @throws IllegalArgumentException when it is null or could begin no valid key
   */
  public static String requireListPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("A blob key prefix is required, but it was null.");
    }
    return prefix.isEmpty() ? prefix : requirePrefix(prefix);
  }

  /** Whether text is one valid key segment. */
  public static boolean isSegment(String text) {
    return SEGMENT.matcher(text).matches() && !text.equals(".") && !text.equals("..");
  }

  private static String requirePrefix(String prefix) {
    check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix, prefix);
    return prefix;
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

  static IllegalArgumentException invalid(String key, String why) {
    return new IllegalArgumentException(
        "'"
            + key
            + "' is not a valid blob key: "
            + why
            + ". Keys look like <profile id>/parked/<id>.");
  }
}
