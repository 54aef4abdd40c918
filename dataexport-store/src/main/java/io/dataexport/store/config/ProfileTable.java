package io.dataexport.store.config;

import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.store.StoredProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code profile} table; documents go through the cipher on their way in and out.
 */
final class ProfileTable {
  private static final String COLUMNS = "id, name, document, state, created_at, updated_at";

  private final DocumentCipher cipher;

  ProfileTable(DocumentCipher cipher) {
    this.cipher = cipher;
  }

  void insert(Connection connection, StoredProfile profile) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO profile (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, profile.id());
      insert.setString(2, profile.name());
      insert.setBytes(3, cipher.encrypt(profile.documentJson(), profile.id()));
      insert.setString(4, profile.state().name());
      Micros.set(insert, 5, profile.createdAt());
      Micros.set(insert, 6, profile.updatedAt());
      insert.executeUpdate();
    }
  }

  Optional<StoredProfile> byId(Connection connection, String id) throws SQLException {
    return first(select(connection, "WHERE id = ?", id));
  }

  Optional<StoredProfile> byName(Connection connection, String name) throws SQLException {
    // lower() of SQLite folds ASCII letters only, like the NOCASE column; PostgreSQL has an index
    // on it.
    return first(select(connection, "WHERE lower(name) = lower(?)", name));
  }

  List<StoredProfile> all(Connection connection) throws SQLException {
    return select(connection, "ORDER BY created_at, name");
  }

  /**
   * Replaces the document, and the name when one is given.
   *
   * @return false when there is no such profile
   */
  boolean update(Connection connection, String id, String name, String documentJson, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE profile SET name = COALESCE(?, name), document = ?, updated_at = ?"
                + " WHERE id = ?")) {
      update.setString(1, name);
      update.setBytes(2, cipher.encrypt(documentJson, id));
      Micros.set(update, 3, now);
      update.setString(4, id);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * @return false when there is no such profile
   */
  boolean setState(Connection connection, String id, ProfileState state, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE profile SET state = ?, updated_at = ? WHERE id = ?")) {
      update.setString(1, state.name());
      Micros.set(update, 2, now);
      update.setString(3, id);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * @return false when there was no such profile
   */
  boolean delete(Connection connection, String id) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM profile WHERE id = ?")) {
      delete.setString(1, id);
      return delete.executeUpdate() == 1;
    }
  }

  static boolean exists(Connection connection, String id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM profile WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  private List<StoredProfile> select(Connection connection, String condition, String... arguments)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM profile " + condition)) {
      for (int i = 0; i < arguments.length; i++) {
        select.setString(i + 1, arguments[i]);
      }
      List<StoredProfile> profiles = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String id = row.getString("id");
          profiles.add(
              new StoredProfile(
                  id,
                  row.getString("name"),
                  cipher.decrypt(row.getBytes("document"), id),
                  ProfileState.valueOf(row.getString("state")),
                  Micros.get(row, "created_at"),
                  Micros.get(row, "updated_at")));
        }
      }
      return profiles;
    }
  }

  private static Optional<StoredProfile> first(List<StoredProfile> profiles) {
    return profiles.stream().findFirst();
  }
}
