package io.dataexport.store.config;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.ApiKeys;
import io.dataexport.api.store.AuditLog;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.DuplicateProfileNameException;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.Lease;
import io.dataexport.api.store.Leases;
import io.dataexport.api.store.NoEntityStateException;
import io.dataexport.api.store.StoredProfile;
import io.dataexport.api.store.UnknownProfileException;
import io.dataexport.store.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The embedded config and metrics store: export profiles (documents encrypted at rest) and, per
 * profile and entity, the change reader's cursor and the notification counters; parked
 * notifications and the failure log through {@link #failures()}, the resync of failed records
 * through {@link #failureResyncs()}. Embedded: SQLite at {@code <data directory>/config.sqlite},
 * its key in {@code <data directory>/keys/config.key}. Shared: PostgreSQL ({@code store.url}), its
 * key given in the configuration ({@code store.encryptionKey}) so every node reads the same
 * documents.
 *
 * <p>Thread-safe: every method is one transaction (on SQLite's one connection, lent to one caller
 * at a time; on PostgreSQL's pool, side by side). Storage failures throw {@link
 * RetriableException}.
 */
public final class JdbcConfigStore implements ConfigStore {
  private static final String KEY_CHECK = "key-check";
  private static final String SERVICE_ID = "service-id";

  private final StoreLocation location;
  private final Transactions connection;
  private final String serviceId;
  private final ProfileTable profiles;
  private final EntitySyncStateTable entityStates;
  private final JdbcFailureStore failures;
  private final JdbcFailureResyncStore failureResyncs;
  private final JdbcAuditLog audit;
  private final JdbcLeases leases;
  private final JdbcApiKeys apiKeys;
  private final JdbcClusterNodes nodes;
  private final LeaseFence leaseFence;
  private final String storeNow;
  private final SecretKey key;

  /** The lease this view's progress writes are fenced by; null for the store itself. */
  private final Lease fence;

  private JdbcConfigStore(
      StoreLocation location,
      Transactions connection,
      SecretKey key,
      DocumentCipher cipher,
      String serviceId) {
    this.location = location;
    this.key = key;
    this.connection = connection;
    this.serviceId = serviceId;
    this.profiles = new ProfileTable(cipher);
    this.entityStates = new EntitySyncStateTable(location.dialect());
    this.failures = new JdbcFailureStore(connection, entityStates, location.dialect());
    this.failureResyncs = new JdbcFailureResyncStore(connection);
    this.audit = new JdbcAuditLog(connection);
    this.leases = new JdbcLeases(connection, location.dialect());
    this.apiKeys = new JdbcApiKeys(connection);
    this.nodes = new JdbcClusterNodes(connection, location.dialect());
    this.leaseFence = new LeaseFence(location.dialect());
    this.storeNow = location.dialect().nowMicros();
    this.fence = null;
  }

  /** A view of {@code store} sharing everything with it, its progress writes fenced by a lease. */
  private JdbcConfigStore(JdbcConfigStore store, Lease fence) {
    this.location = store.location;
    this.key = store.key;
    this.connection = store.connection;
    this.serviceId = store.serviceId;
    this.profiles = store.profiles;
    this.entityStates = store.entityStates;
    this.failures = store.failures;
    this.failureResyncs = store.failureResyncs;
    this.audit = store.audit;
    this.leases = store.leases;
    this.apiKeys = store.apiKeys;
    this.nodes = store.nodes;
    this.leaseFence = store.leaseFence;
    this.storeNow = store.storeNow;
    this.fence = Objects.requireNonNull(fence, "lease");
  }

  /**
   * Opens the embedded store of a data directory (SQLite, key file under {@code keys/}), creating
   * the directory, the database and the key on first use.
   *
   * @see #open(StoreLocation, Path)
   */
  public static JdbcConfigStore open(Path dataDirectory) {
    return open(StoreLocation.embedded(dataDirectory), dataDirectory);
  }

  /**
   * Opens the store at a location, creating its tables (and a SQLite file) on first use and
   * migrating the schema to this version.
   *
   * @param dataDirectory the node's data directory, where the key file is when the location gives
   *     no key
   * @throws ConfigurationException when the key is missing or is not the key the store was
   *     encrypted with
   * @throws RetriableException when the database or files cannot be reached now
   */
  public static JdbcConfigStore open(StoreLocation location, Path dataDirectory) {
    String where = location.redactedUrl();
    Transactions connection = null;
    try {
      if (!location.shared()) {
        DurableFiles.createDirectories(location.sqliteFile().toAbsolutePath().getParent());
      }
      connection = ConfigDatabase.open(location);
      Transactions opened = connection;
      JdbcConfigStore store =
          connection.transaction(
              "check the key",
              c -> {
                Optional<byte[]> keyCheck = ConfigDatabase.metadata(c, KEY_CHECK);
                Key key = key(location, dataDirectory, keyCheck.isPresent());
                DocumentCipher cipher = new DocumentCipher(key.key(), key.description());
                // Encrypting a known text lets a wrong key be told at open, not at the first read;
                // nodes opening a new store together keep the first check written.
                byte[] check =
                    keyCheck.isPresent()
                        ? keyCheck.get()
                        : ConfigDatabase.initMetadata(
                            c, KEY_CHECK, cipher.encrypt(KEY_CHECK, KEY_CHECK));
                verifyKey(cipher, check, key.description(), where);
                byte[] id =
                    ConfigDatabase.initMetadata(
                        c,
                        SERVICE_ID,
                        UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
                return new JdbcConfigStore(
                    location, opened, key.key(), cipher, new String(id, StandardCharsets.US_ASCII));
              });
      return store;
    } catch (IOException | SQLException e) {
      closeQuietly(connection);
      throw new RetriableException("Cannot open the config store " + where + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private record Key(SecretKey key, String description) {}

  private static Key key(StoreLocation location, Path dataDirectory, boolean storeHasData)
      throws SQLException {
    if (location.encryptionKey() != null) {
      return new Key(
          new SecretKeySpec(location.encryptionKey(), "AES"), "the key in store.encryptionKey");
    }
    Path keyFile = ConfigKeyFile.location(dataDirectory);
    try {
      return new Key(ConfigKeyFile.loadOrCreate(keyFile, storeHasData), "the key in " + keyFile);
    } catch (IOException e) {
      throw new SQLException("cannot read the key file " + keyFile + ": " + e.getMessage(), e);
    }
  }

  private static void verifyKey(DocumentCipher cipher, byte[] check, String key, String where) {
    try {
      if (!KEY_CHECK.equals(cipher.decrypt(check, KEY_CHECK))) {
        throw new IllegalStateException("key check text differs");
      }
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          key.substring(0, 1).toUpperCase(Locale.ROOT)
              + key.substring(1)
              + " is not the key the config store "
              + where
              + " was encrypted with. Restore the key that belongs to this store from its"
              + " backup (every node of a cluster needs the same store.encryptionKey).",
          e);
    }
  }

  private static void closeQuietly(Transactions connection) {
    if (connection != null) {
      connection.close();
    }
  }

  @Override
  public String serviceId() {
    return serviceId;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  @Override
  public Leases leases() {
    return leases;
  }

  /**
   * HMAC-SHA256 of the label under the encryption key (HKDF's expand step with one block): the
   * label separates purposes, and the derived key reveals nothing about the encryption key.
   */
  @Override
  public byte[] derivedKey(String label) {
    Objects.requireNonNull(label, "label");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      mac.update(("dataexport derived key: " + label).getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(new byte[] {1});
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  @Override
  public JdbcClusterNodes nodes() {
    return nodes;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A view of a view is fenced by the newer lease only.
   */
  @Override
  public JdbcConfigStore fencedBy(Lease lease) {
    return new JdbcConfigStore(this, lease);
  }

  @Override
  public void destroy() {
    transaction(
        "remove the config store",
        c -> {
          ConfigDatabase.dropAll(c);
          return null;
        });
    close();
    if (!location.shared()) {
      Path file = location.sqliteFile();
      try {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
      } catch (IOException e) {
        throw new RetriableException("Cannot delete the config store " + file + ": " + e, e);
      }
    }
  }

  // ---- profiles ----

  @Override
  public StoredProfile create(String name, String documentJson) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(documentJson, "documentJson");
    Instant now = Micros.now();
    StoredProfile profile =
        new StoredProfile(
            UUID.randomUUID().toString(), name, documentJson, ProfileState.CREATED, now, now);
    return transaction(
        "create profile '" + name + "'",
        c -> {
          if (profiles.byName(c, name).isPresent()) {
            throw new DuplicateProfileNameException(name);
          }
          try {
            profiles.insert(c, profile);
          } catch (SQLException e) {
            // another node created a profile of that name since the check
            if (StoreDialect.isUniqueViolation(e)) {
              throw new DuplicateProfileNameException(name);
            }
            throw e;
          }
          return profile;
        });
  }

  @Override
  public Optional<StoredProfile> profile(String id) {
    return transaction("read profile " + id, c -> profiles.byId(c, id));
  }

  @Override
  public Optional<StoredProfile> profileByName(String name) {
    return transaction("read profile '" + name + "'", c -> profiles.byName(c, name));
  }

  @Override
  public List<StoredProfile> profiles() {
    return transaction("list profiles", profiles::all);
  }

  @Override
  public void updateDocument(String id, String documentJson) {
    update(id, null, documentJson);
  }

  @Override
  public void update(String id, String name, String documentJson) {
    Objects.requireNonNull(documentJson, "documentJson");
    transaction(
        "update profile " + id,
        c -> {
          if (name != null) {
            Optional<StoredProfile> holder = profiles.byName(c, name);
            if (holder.isPresent() && !holder.get().id().equals(id)) {
              throw new DuplicateProfileNameException(name);
            }
          }
          if (!profiles.update(c, id, name, documentJson, Micros.now())) {
            throw new UnknownProfileException(id);
          }
          return null;
        });
  }

  @Override
  public void setState(String id, ProfileState state) {
    Objects.requireNonNull(state, "state");
    transaction(
        "set the state of profile " + id,
        c -> {
          if (!profiles.setState(c, id, state, Micros.now())) {
            throw new UnknownProfileException(id);
          }
          return null;
        });
  }

  @Override
  public boolean delete(String id) {
    return transaction(
        "delete profile " + id,
        c -> {
          entityStates.deleteAll(c, id);
          failures.deleteAll(c, id);
          failureResyncs.deleteAll(c, id);
          return profiles.delete(c, id);
        });
  }

  @Override
  public JdbcFailureStore failures() {
    return failures;
  }

  @Override
  public JdbcFailureResyncStore failureResyncs() {
    return failureResyncs;
  }

  // ---- entity sync state ----

  @Override
  public void saveCursor(
      String profileId,
      String entity,
      ChangeCursor cursor,
      InitialSyncState state,
      long rowsRead,
      long estimatedTotal) {
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(state, "state");
    forProfile(
        profileId,
        "save the cursor of " + entity,
        c -> {
          checkFence(c, "the cursor of " + entity);
          entityStates.saveCursor(
              c,
              profileId,
              entity,
              cursor,
              state,
              rowsRead,
              estimatedTotal,
              fence == null ? 0 : fence.token(),
              Micros.now());
        });
  }

  @Override
  public void markResync(String profileId, String entity, Instant reexportStartedAt) {
    forProfile(
        profileId,
        "mark the re-export of " + entity,
        c -> {
          checkFence(c, "the re-export mark of " + entity);
          entityStates.markResync(c, profileId, entity, reexportStartedAt, Micros.now());
        });
  }

  @Override
  public boolean markReexportPublished(String profileId, String entity, Instant start) {
    Objects.requireNonNull(start, "start");
    return transaction(
        "mark the full read of " + entity + " of profile " + profileId + " published",
        c -> {
          checkFence(c, "the published mark of the full read of " + entity);
          return entityStates.markPublished(c, profileId, entity, start, Micros.now());
        });
  }

  @Override
  public boolean finishReexport(String profileId, String entity, Instant start) {
    Objects.requireNonNull(start, "start");
    return transaction(
        "finish the full read of " + entity + " of profile " + profileId,
        c -> {
          checkFence(c, "the end of the full read of " + entity);
          return entityStates.finishReexport(c, profileId, entity, start, Micros.now());
        });
  }

  @Override
  public void addCounts(
      String profileId,
      String entity,
      long total,
      long succeeded,
      long failed,
      Instant lastSyncedAt) {
    forProfile(
        profileId,
        "count notifications of " + entity,
        c -> {
          checkFence(c, "the counts of " + entity);
          entityStates.addCounts(
              c, profileId, entity, total, succeeded, failed, lastSyncedAt, Micros.now());
        });
  }

  @Override
  public void requestReexport(String profileId, String entity) {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(entity, "entity");
    transaction(
        "request a re-export of " + entity + " of profile " + profileId,
        c -> {
          if (!entityStates.requestReexport(c, profileId, entity, storeNow, Micros.now())) {
            if (!ProfileTable.exists(c, profileId)) {
              throw new UnknownProfileException(profileId);
            }
            throw new NoEntityStateException(profileId, entity, "a re-export request");
          }
          return null;
        });
  }

  @Override
  public boolean clearReexportRequest(String profileId, String entity, Instant requestedAt) {
    Objects.requireNonNull(requestedAt, "requestedAt");
    return transaction(
        "clear the re-export request of " + entity + " of profile " + profileId,
        c -> entityStates.clearReexportRequest(c, profileId, entity, requestedAt, Micros.now()));
  }

  @Override
  public Optional<EntitySyncState> entityState(String profileId, String entity) {
    return transaction("read the state of " + entity, c -> entityStates.find(c, profileId, entity));
  }

  @Override
  public List<EntitySyncState> entityStates(String profileId) {
    return transaction(
        "read the entity states of profile " + profileId,
        c -> entityStates.forProfile(c, profileId));
  }

  @Override
  public void deleteEntityState(String profileId, String entity) {
    transaction(
        "delete the state of " + entity,
        c -> {
          entityStates.delete(c, profileId, entity);
          return null;
        });
  }

  // ---- plumbing ----

  /** In a fenced view, throws unless its lease still holds (in the caller's transaction). */
  private void checkFence(Connection c, String write) throws SQLException {
    if (fence != null) {
      leaseFence.check(c, fence, write);
    }
  }

  private void forProfile(String profileId, String action, Transactions.ProfileWrite write) {
    connection.forProfile(profileId, action, write);
  }

  private <T> T transaction(String action, Transactions.Work<T> work) {
    return connection.transaction(action, work);
  }

  @Override
  public void close() {
    connection.close();
  }
}
