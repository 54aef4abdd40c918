package io.dataexport.api.store;

import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.source.ChangeCursor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The config and metrics store: export profiles (their documents encrypted at rest) and, per
 * profile and entity, the change reader's cursor and the notification counters; parked
 * notifications and the failure log through {@link #failures()}, the resync of failed records
 * through {@link #failureResyncs()}, the audit log through {@link #audit()}, the API keys through
 * {@link #apiKeys()}, the cluster's leases through {@link #leases()} and its nodes through {@link
 * #nodes()}. Everything the service keeps about its work lives here, so that any node opening the
 * same store can take the work up (Kafka Connect's config, offset and status backing stores play
 * this part there).
 *
 * <p>Implementations are thread-safe and make every method one transaction; counters are moved by
 * single statements, safe when several nodes share the store. Storage failures throw {@link
 * io.dataexport.api.error.RetriableException}.
 */
public interface ConfigStore extends AutoCloseable {
  /**
   * Creates a profile in state {@link ProfileState#CREATED} with a new random id.
   *
   * @throws DuplicateProfileNameException when the name is taken (ignoring ASCII letter case)
   */
  StoredProfile create(String name, String documentJson);

  /** The profile with this id, if there is one. */
  Optional<StoredProfile> profile(String id);

  /** The profile with this name (ignoring ASCII letter case), if there is one. */
  Optional<StoredProfile> profileByName(String name);

  /** Every profile, oldest first. */
  List<StoredProfile> profiles();

  /**
   * Replaces a profile's document.
   *
   * @throws UnknownProfileException when there is no such profile
   */
  void updateDocument(String id, String documentJson);

  /**
   * Replaces a profile's document and name (the name inside a document is the profile's name).
   *
   * @param name the new name, or null to keep it
   * @throws UnknownProfileException when there is no such profile
   * @throws DuplicateProfileNameException when another profile has the name
   */
  void update(String id, String name, String documentJson);

  /**
   * Moves a profile to another lifecycle state.
   *
   * @throws UnknownProfileException when there is no such profile
   */
  void setState(String id, ProfileState state);

  /**
   * Deletes a profile with its entities' sync state and counters, its parked entries, its failure
   * log and its resync of failed records. (Its blobs are the blob store's to delete.)
   *
   * @return false when there was no such profile
   */
  boolean delete(String id);

  /** Parked notifications and the failure log. */
  FailureStore failures();

  /** The resync of failed records, a background job per profile. */
  FailureResyncStore failureResyncs();

  /**
   * Saves where the change reader of an entity stands; called after every page whose notifications
   * are durable on the bus.
   *
   * @throws UnknownProfileException when there is no such profile
   */
  void saveCursor(
      String profileId,
      String entity,
      ChangeCursor cursor,
      InitialSyncState state,
      long rowsRead,
      long estimatedTotal);

  /**
   * Records that a full re-export of an entity began, or with null that none runs any more.
   *
   * @throws UnknownProfileException when there is no such profile
   */
  void markResync(String profileId, String entity, Instant reexportStartedAt);

  /**
   * Records that the full read of an entity begun at {@code start} has published its last page: its
   * completion (wait until applied, then sweep) is now the writer side's.
   *
   * @return false, changing nothing, when no read begun at {@code start} runs (another began)
   */
  boolean markReexportPublished(String profileId, String entity, Instant start);

  /**
   * Ends the full read of an entity begun at {@code start} (applied and swept).
   *
   * @return false, changing nothing, when no read begun at {@code start} runs (another began)
   */
  boolean finishReexport(String profileId, String entity, Instant start);

  /**
   * Adds to an entity's notification counters atomically and moves its last synced time forward
   * (never back).
   *
   * @param total notifications received (published to the bus)
   * @param succeeded notifications applied
   * @param failed notifications given up
   * @param lastSyncedAt the latest sync time among the notifications counted, or null
   * @throws UnknownProfileException when there is no such profile
   */
  void addCounts(
      String profileId,
      String entity,
      long total,
      long succeeded,
      long failed,
      Instant lastSyncedAt);

  /** The sync state of one entity, if anything was saved for it. */
  Optional<EntitySyncState> entityState(String profileId, String entity);

  /** The sync state of every entity of a profile that has one, by entity name. */
  List<EntitySyncState> entityStates(String profileId);

  /** Forgets an entity's sync state and counters (the entity left the profile). */
  void deleteEntityState(String profileId, String entity);

  /**
   * This installation's id, made when the store was first opened: what an administrator types to
   * confirm an uninstall, so a command meant for one installation cannot remove another.
   */
  String serviceId();

  /** The audit log. */
  AuditLog audit();

  /** The API keys that authenticate callers of the REST API. */
  ApiKeys apiKeys();

  /** The leases nodes take for work one node at a time may do. */
  Leases leases();

  /** The nodes of the cluster sharing this store, by their heartbeats. */
  ClusterNodes nodes();

  /**
   * A view of this store whose writes of an entity's read progress — {@link #saveCursor}, {@link
   * #markResync}, {@link #markReexportPublished}, {@link #finishReexport} and {@link #addCounts} —
   * happen only while {@code lease} is still held: each checks, in the same transaction as the
   * write, that the lease row has this name, holder and token and has not expired by the store's
   * clock, else throws {@link LeaseLostException} and writes nothing. Every other method behaves as
   * on this store (closing the view closes this store). The same view records {@code lease.token()}
   * as the entity state's {@link EntitySyncState#fenceToken()} when it saves a cursor.
   *
   * <p>The check costs one read of the lease row by its key in the write's transaction. A holder
   * that renews its lease keeps the same token, so one view serves as long as the lease is held.
   */
  ConfigStore fencedBy(Lease lease);

  /**
   * Asks the node running the entity's reader for a full re-export: sets {@link
   * EntitySyncState#reexportRequestedAt()} to the store's clock now, keeping an earlier request
   * still pending.
   *
   * @throws UnknownProfileException when there is no such profile
   * @throws NoEntityStateException when the entity has no sync state
   */
  void requestReexport(String profileId, String entity);

  /**
   * Clears the re-export request if it is still the one seen: its time equals {@code requestedAt},
   * so a request made since is kept for the next look.
   *
   * @return whether it cleared the request
   */
  boolean clearReexportRequest(String profileId, String entity, Instant requestedAt);

  /**
   * Claims the fingerprint of the profile-document key this installation uses: the first caller's
   * fingerprint is kept, later ones are not written. A node whose fingerprint differs from the one
   * returned has another key than the nodes before it.
   *
   * @return the fingerprint that is kept
   */
  String claimKeyFingerprint(String fingerprint);

  /**
   * A 32-byte key derived from the store's encryption key for one purpose (e.g. sealing the
   * console's session cookies), never the encryption key itself. Every node opening the store with
   * the same key derives the same bytes, so what one node seals another can open; a different label
   * gives an unrelated key.
   *
   * @param label fixed name of the purpose, e.g. {@code console-session}
   */
  byte[] derivedKey(String label);

  /**
   * Removes everything this store keeps — every table, its data and its schema history (or its
   * file) — and closes it: the last step of uninstalling the service.
   */
  void destroy();

  /** Closes the store; later calls throw. Idempotent. */
  @Override
  void close();
}
