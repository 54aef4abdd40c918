package io.dataexport.api.blob;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import java.util.List;
import java.util.Optional;

/**
 * Where parked notifications and oversized payloads wait, encrypted at rest. Keys are
 * slash-separated paths beginning with the profile id, e.g. {@code <profile id>/parked/<id>}; each
 * segment is made of letters, digits, {@code .}, {@code _} and {@code -} (not {@code .} or {@code
 * ..} alone). Anything else is refused with {@link IllegalArgumentException}. Thread-safe.
 *
 * <p>Storage failures that may pass throw {@link RetriableException}.
 */
public interface BlobStore {
  /** Stores data under key, replacing what was there; durable on return. */
  void put(String key, byte[] data);

  /**
   * The data under key, if any.
   *
   * @throws BlobIntegrityException when the stored blob was changed, moved from another key or
   *     cannot be decrypted with the key it names
   * @throws ConfigurationException when the key-encryption key it was written under is missing
   */
  Optional<byte[]> get(String key);

  /** Deletes one blob; nothing happens when there is none. */
  void delete(String key);

  /**
   * Deletes every blob whose key starts with prefix (all of a profile's parked data). The prefix is
   * compared as text: {@code "p1/"} removes {@code p1/a} but not {@code p10/a}; {@code "p1"}
   * removes both. An empty prefix is refused rather than taken to mean everything.
   */
  void deleteAll(String prefix);

  /**
   * The blobs whose key starts with prefix, each with when it was last written, sorted by key. The
   * prefix is compared as text, as by {@link #deleteAll}; an empty prefix lists every blob. Only
   * whole blobs are listed, never what a write in progress (or one a crash cut short) leaves
   * behind; a blob put or deleted while the listing runs may or may not be in it. Used to find
   * blobs nothing refers to any more (orphans), so it reads no blob's data.
   *
   * @throws IllegalArgumentException when the prefix could not begin a valid key
   */
  List<StoredBlob> list(String prefix);

  /**
   * Re-encrypts every blob whose data key was wrapped under a key other than the key provider's
   * current primary (after a rotation), so the old key can be retired.
   *
   * @return how many blobs were re-encrypted
   */
  int reencrypt();
}
