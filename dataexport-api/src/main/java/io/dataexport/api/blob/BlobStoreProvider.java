package io.dataexport.api.blob;

import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens blob stores of one type ({@code blobs.type}: {@code local}, {@code s3}, {@code azure});
 * found with {@link java.util.ServiceLoader}.
 *
 * <p>Settings are the configuration keys under {@code blobs.} without that prefix (for instance
 * {@code bucket} for {@code blobs.bucket}), as text.
 */
public interface BlobStoreProvider {
  /** The {@code blobs.type} served. */
  String type();

  /**
   * Checks settings without connecting: every problem, each naming the key (with its {@code blobs.}
   * prefix), the value (never a secret) and what to do. Empty when they can be used.
   */
  List<Problem> check(Map<String, String> settings);

  /**
   * Opens the store; blobs are envelope-encrypted on this side with keys from {@code keys}, so the
   * storage service never sees plaintext.
   *
   * @param dataDirectory the node's data directory, for types that keep files
   * @throws io.dataexport.api.error.ConfigurationException when the settings cannot work
   */
  BlobStore open(Map<String, String> settings, KeyProvider keys, Path dataDirectory);
}
