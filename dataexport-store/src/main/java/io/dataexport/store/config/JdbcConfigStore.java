package io.dataexport.store.config;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.DuplicateProfileNameException;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.StoredProfile;
import io.dataexport.api.store.UnknownProfileException;
import io.dataexport.store.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The embedded config and metrics store: export profiles (documents encrypted at rest) and, per
 * profile and entity, the change reader's cursor and the notification counters; parked
 * notifications and the failure log through {@link #failures()}, the resync of failed records
 * through {@link #failureResyncs()}. Kept in SQLite at {@code <data directory>/config.sqlite}, its
 * key in {@code <data directory>/keys/config.key}.
 *
 * <p>Thread-safe: one connection, lent to one caller at a time; every method is one transaction.
 * Storage failures throw {@link RetriableException}.
 */
public final class JdbcConfigStore implements ConfigStore {
  private static final String KEY_CHECK = "key-check";

  private final SerializedConnection connection;
  private final ProfileTable profiles;
  private final EntitySyncStateTable entityStates = new EntitySyncStateTable();
  private final JdbcFailureStore failures;
  private final JdbcFailureResyncStore failureResyncs;

  private JdbcConfigStore(SerializedConnection connection, DocumentCipher cipher) {
    this.connection = connection;
    this.profiles = new ProfileTable(cipher);
    this.failures = new JdbcFailureStore(connection, entityStates);
    this.failureResyncs = new JdbcFailureResyncStore(connection);
  }

  /**
   * Opens the store of a data directory, creating the directory, the database and the key on first
   * use and migrating the schema to this version.
   *
   * @throws ConfigurationException when the key file is missing or wrong for this database
   * @throws RetriableException when the files cannot be read or written now
   */
  public static JdbcConfigStore open(Path dataDirectory) {
    Path file = dataDirectory.resolve("config.sqlite");
    Path keyFile = ConfigKeyFile.location(dataDirectory);
    Connection connection = null;
    try {
      DurableFiles.createDirectories(dataDirectory);
      connection = ConfigDatabase.open(file);
      Optional<byte[]> keyCheck = ConfigDatabase.metadata(connection, KEY_CHECK);
      SecretKey key = ConfigKeyFile.loadOrCreate(keyFile, keyCheck.isPresent());
      DocumentCipher cipher = new DocumentCipher(key, "the key in " + keyFile);
      if (keyCheck.isPresent()) {
        verifyKey(cipher, keyCheck.get(), keyFile, file);
      } else {
        // Encrypting a known text now lets a wrong key be told at open, not at the first read.
        byte[] check = cipher.encrypt(KEY_CHECK, KEY_CHECK);
        ConfigDatabase.setMetadata(connection, KEY_CHECK, check);
      }
      connection.commit();
      return new JdbcConfigStore(new SerializedConnection(file, connection), cipher);
    } catch (IOException | SQLException e) {
      SerializedConnection.closeQuietly(connection);
      throw new RetriableException("Cannot open the config store " + file + ": " + e, e);
    } catch (RuntimeException e) {
      SerializedConnection.closeQuietly(connection);
      throw e;
    }
  }

  private static void verifyKey(DocumentCipher cipher, byte[] check, Path keyFile, Path file) {
    try {
      if (!KEY_CHECK.equals(cipher.decrypt(check, KEY_CHECK))) {
        throw new IllegalStateException("key check text differs");
      }
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "The key in "
              + keyFile
              + " is not the key "
              + file
              + " was encrypted with. Restore the key file that belongs to this data directory"
              + " from its backup.",
          e);
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
          profiles.insert(c, profile);
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
        c ->
            entityStates.saveCursor(
                c, profileId, entity, cursor, state, rowsRead, estimatedTotal, Micros.now()));
  }

  @Override
  public void markResync(String profileId, String entity, Instant reexportStartedAt) {
    forProfile(
        profileId,
        "mark the re-export of " + entity,
        c -> entityStates.markResync(c, profileId, entity, reexportStartedAt, Micros.now()));
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
        c ->
            entityStates.addCounts(
                c, profileId, entity, total, succeeded, failed, lastSyncedAt, Micros.now()));
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

  /** A write to an entity's row; a failure because the profile is gone says so. */
  private void forProfile(String profileId, String action, EntityWrite write) {
    Objects.requireNonNull(profileId, "profileId");
    transaction(
        action + " of profile " + profileId,
        c -> {
          try {
            write.run(c);
          } catch (SQLException e) {
            // Checked only on failure: the foreign key refuses rows of unknown profiles.
            if (!ProfileTable.exists(c, profileId)) {
              throw new UnknownProfileException(profileId);
            }
            throw e;
          }
          return null;
        });
  }

  @FunctionalInterface
  private interface EntityWrite {
    void run(Connection connection) throws SQLException;
  }

  private <T> T transaction(String action, SerializedConnection.Work<T> work) {
    return connection.transaction(action, work);
  }

  @Override
  public void close() {
    connection.close();
  }
}
