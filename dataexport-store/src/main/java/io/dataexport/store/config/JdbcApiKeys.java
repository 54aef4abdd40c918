package io.dataexport.store.config;

import io.dataexport.api.store.ApiKey;
import io.dataexport.api.store.ApiKeys;
import io.dataexport.api.store.DuplicateApiKeyNameException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** API keys in the config store's {@code api_key} table: ids, names, roles and secret hashes. */
final class JdbcApiKeys implements ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int HASH_BYTES = 32;
  private static final String COLUMNS = "id, name, role, created_at, last_used_at";

  private final Transactions connection;

  JdbcApiKeys(Transactions connection) {
    this.connection = connection;
  }

  @Override
  public ApiKey create(String name, String role, byte[] secretHash) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if (secretHash == null || secretHash.length != HASH_BYTES) {
      throw new IllegalArgumentException("secretHash must be a SHA-256 hash (32 bytes)");
    }
    ApiKey key = new ApiKey(newId(), name, role, Micros.now(), null);
    return connection.transaction(
        "create the API key " + name,
        c -> {
          // lower() of SQLite folds ASCII letters only, like the NOCASE column
          try (PreparedStatement taken =
              c.prepareStatement("SELECT 1 FROM api_key WHERE lower(name) = lower(?)")) {
            taken.setString(1, name);
            try (ResultSet row = taken.executeQuery()) {
              if (row.next()) {
                throw new DuplicateApiKeyNameException(name);
              }
            }
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO api_key (id, name, role, secret_hash, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, key.id());
            insert.setString(2, key.name());
            insert.setString(3, key.role());
            insert.setBytes(4, secretHash);
            Micros.set(insert, 5, key.createdAt());
            insert.executeUpdate();
          }
          return key;
        });
  }

  @Override
  public Optional<ApiKey> verify(String id, byte[] secretHash) {
    Objects.requireNonNull(secretHash, "secretHash");
    return connection.transaction(
        "check an API key",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + COLUMNS + ", secret_hash FROM api_key WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return Optional.empty();
              }
              // constant time: how much of a guessed hash matched must not show in the timing
              return MessageDigest.isEqual(row.getBytes("secret_hash"), secretHash)
                  ? Optional.of(key(row))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<ApiKey> find(String id) {
    Objects.requireNonNull(id, "id");
    return connection.transaction(
        "find an API key",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(key(row)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<ApiKey> list() {
    return connection.transaction(
        "list the API keys",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, id")) {
            List<ApiKey> keys = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                keys.add(key(row));
              }
            }
            return keys;
          }
        });
  }

  @Override
  public boolean isEmpty() {
    return connection.transaction(
        "count the API keys",
        c -> {
          try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM api_key LIMIT 1");
              ResultSet row = select.executeQuery()) {
            return !row.next();
          }
        });
  }

  @Override
  public void markUsed(String id, Instant at) {
    Objects.requireNonNull(at, "at");
    connection.transaction(
        "record the use of an API key",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE api_key SET last_used_at = ? WHERE id = ?"
                      + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
            Micros.set(update, 1, at);
            update.setString(2, id);
            Micros.set(update, 3, at);
            return update.executeUpdate();
          }
        });
  }

  @Override
  public boolean revoke(String id) {
    return connection.transaction(
        "revoke the API key " + id,
        c -> {
          try (PreparedStatement delete = c.prepareStatement("DELETE FROM api_key WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
          }
        });
  }

  private static ApiKey key(ResultSet row) throws SQLException {
    return new ApiKey(
        row.getString("id"),
        row.getString("name"),
        row.getString("role"),
        Micros.get(row, "created_at"),
        Micros.get(row, "last_used_at"));
  }

  /** 64 random bits as 16 hex digits: unique enough for a handful of keys, and easy to type. */
  private static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
