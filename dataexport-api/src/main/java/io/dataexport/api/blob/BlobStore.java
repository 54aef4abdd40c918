package io.dataexport.api.blob;

import java.util.Optional;

/**
 * Where parked notifications and oversized payloads wait, encrypted at rest. Keys are
 * slash-separated paths beginning with the profile id. Thread-safe.
 */
public interface BlobStore {
  /** Stores data under key, replacing what was there; durable on return. */
  void put(String key, byte[] data);

  /** The data under key, if any. */
  Optional<byte[]> get(String key);

  /** Deletes one blob; nothing happens when there is none. */
  void delete(String key);

  /** Deletes every blob whose key starts with prefix (all of a profile's parked data). */
  void deleteAll(String prefix);
}
