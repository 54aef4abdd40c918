package io.dataexport.api.blob;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;

/**
 * Holds the key-encryption keys (KEKs) of envelope encryption: a blob store encrypts each blob
 * under a fresh data key and asks the provider to wrap that data key; to read the blob it asks the
 * provider to unwrap it again. The KEKs never leave the provider, so a cloud key service (Azure Key
 * Vault, AWS KMS) can implement this with its own wrap and unwrap operations.
 *
 * <p><b>Rotation.</b> {@link #wrap} always uses the current primary key; a {@link WrappedKey}
 * records the id of the key that wrapped it, and {@link #unwrap} uses that key even after the
 * primary has changed. A provider therefore keeps a retired key available for unwrapping until no
 * blob wrapped under it remains.
 *
 * <p>Implementations are thread-safe.
 */
public interface KeyProvider {
  /**
   * The id of the key {@link #wrap} uses now. Lets a store tell which blobs were written under an
   * older key (to re-encrypt them after a rotation).
   */
  String primaryKeyId();

  /**
   * Wraps (encrypts) a data key under the primary key.
   *
   * @param dataKey the raw data key, 32 bytes for AES-256; not kept
   * @return the wrapped key with the id of the key that wrapped it
   * @throws ConfigurationException when the primary key cannot be used (missing, no permission)
   * @throws RetriableException when the key service cannot be reached now
   */
  WrappedKey wrap(byte[] dataKey);

  /**
   * Unwraps a data key that {@link #wrap} returned, under the key whose id it carries.
   *
   * @return the raw data key; the caller should clear it after use
   * @throws ConfigurationException when the key it names is not available (missing key file,
   *     unknown id, no permission); the message names the key and where it was looked for
   * @throws BlobIntegrityException when the wrapped bytes do not unwrap with that key: they were
   *     changed, or the key under that id is not the one they were wrapped with
   * @throws RetriableException when the key service cannot be reached now
   */
  byte[] unwrap(WrappedKey wrappedKey);
}
