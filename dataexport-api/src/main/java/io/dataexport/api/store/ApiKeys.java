package io.dataexport.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The API keys that authenticate callers of the REST API (SPEC §9). The store never sees a key,
 * only the SHA-256 hash of its secret part; making keys and checking what a caller sends is the
 * API's. Obtained from {@link ConfigStore#apiKeys()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public interface ApiKeys {
  /**
   * Stores a new key under a new random id.
   *
   * @param name unique name of the key
   * @param role the role it grants
   * @param secretHash SHA-256 of the key's secret part (32 bytes)
   * @return the key as stored, with its id
   * @throws DuplicateApiKeyNameException when a key of this name exists (ignoring ASCII letter
   *     case)
   */
  ApiKey create(String name, String role, byte[] secretHash);

  /**
   * The key with this id if its stored hash equals {@code secretHash}, compared in constant time;
   * empty when there is no such key or the hash differs (revoked or forged).
   */
  Optional<ApiKey> verify(String id, byte[] secretHash);

  /**
   * The key with this id, without checking a secret: for a console session made with the key, which
   * must end when the key is revoked and follow the key's current role.
   */
  Optional<ApiKey> find(String id);

  /** Every key, oldest first. */
  List<ApiKey> list();

  /** True when no key exists (the service's first start). */
  boolean isEmpty();

  /**
   * Records that a key authenticated a request at {@code at}; a time before the recorded one is
   * ignored. Callers keep this cheap by recording at most about once a minute per key.
   */
  void markUsed(String id, Instant at);

  /**
   * Removes a key: requests with it are refused from now on.
   *
   * @return false when there was no such key
   */
  boolean revoke(String id);
}
