package io.dataexport.store.blob.object;

import io.dataexport.store.blob.BlobKeyRules;
import io.dataexport.store.blob.BlobSettings;
import java.util.Optional;

/**
 * Names the object of each blob key: the store's optional prefix, the key, then {@code .blob}. The
 * suffix keeps the object of key {@code a/b} apart from the "directory" of key {@code a/b/c} on
 * services and gateways that map names to files (S3-compatible servers on a file system, Azure with
 * a hierarchical namespace), where {@code a/b} could not be both a file and a directory.
 *
 * <p>The prefix (setting {@code blobs.prefix}) lets several deployments share a bucket: {@code
 * blue/} or {@code blue} stores key {@code p1/parked/n1} as {@code blue/p1/parked/n1.blob}.
 */
public final class ObjectNames {
  /** The setting holding the prefix. */
  public static final String PREFIX_SETTING = "prefix";

  /** What follows the key in an object's name. */
  public static final String SUFFIX = ".blob";

  /** The longest object name S3 and Azure Blob Storage accept. */
  static final int MAX_NAME = 1024;

  private static final int MAX_PREFIX = 256;

  private final String prefix;

  private ObjectNames(String prefix) {
    this.prefix = prefix;
  }

  /** Names with no prefix. */
  public static ObjectNames unprefixed() {
    return new ObjectNames("");
  }

  /**
   * Reads {@code blobs.prefix}: absent for none, else slash-separated segments like a key's ({@code
   * a-z A-Z 0-9 . _ -}), a trailing slash optional; a problem otherwise.
   */
  public static ObjectNames read(BlobSettings settings) {
    Optional<String> value = settings.text(PREFIX_SETTING);
    if (value.isEmpty()) {
      return unprefixed();
    }
    String path =
        value.get().endsWith("/")
            ? value.get().substring(0, value.get().length() - 1)
            : value.get();
    boolean valid = value.get().length() <= MAX_PREFIX && !path.isEmpty();
    for (String segment : path.split("/", -1)) {
      valid &= BlobKeyRules.isSegment(segment);
    }
    if (!valid) {
      settings.problem(
          PREFIX_SETTING,
          value.get(),
          "must be up to "
              + MAX_PREFIX
              + " characters of '/'-separated names made of letters, digits, '.', '_' and '-',"
              + " such as dataexport/prod; or leave it out to store blobs at the top.");
      return unprefixed();
    }
    return new ObjectNames(path + "/");
  }

  /** The prefix every object name starts with: empty, or ending with {@code /}. */
  public String prefix() {
    return prefix;
  }

  /**
   * The object name of a valid key.
   *
   * @throws IllegalArgumentException when the name would be longer than the services accept
   */
  public String nameOf(String key) {
    String name = prefix + key + SUFFIX;
    if (name.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is too long for this blob store: its object name '"
              + prefix
              + "…"
              + SUFFIX
              + "' would be "
              + name.length()
              + " characters, over the "
              + MAX_NAME
              + " that S3 and Azure Blob Storage accept.");
    }
    return name;
  }

  /** The prefix of the object names of every key that starts with keyPrefix. */
  public String namePrefixOf(String keyPrefix) {
    return prefix + keyPrefix;
  }

  /** The key an object name stores, if it is the name of a blob (other objects are not). */
  public Optional<String> keyOf(String name) {
    if (!name.startsWith(prefix) || !name.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    String key = name.substring(prefix.length(), name.length() - SUFFIX.length());
    try {
      return Optional.of(BlobKeyRules.requireKey(key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
