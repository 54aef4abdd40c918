package io.dataexport.store.config;

import io.dataexport.api.error.ConfigurationException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where the config and metrics store lives and how to open it ({@code store.*} of the
 * configuration).
 *
 * @param url {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://…}
 * @param username the database user, or null
 * @param password the database password, or null; never shown
 * @param encryptionKey the 32-byte AES key for profile documents ({@code store.encryptionKey}), or
 *     null to use the key file under the data directory (created on first use); every node of a
 *     cluster needs the same key, so a shared store wants it given
 */
public record StoreLocation(String url, String username, String password, byte[] encryptionKey) {
  public StoreLocation {
    Objects.requireNonNull(url, "url");
    if (StoreDialect.of(url) == null) {
      throw new ConfigurationException(
          "store.url '"
              + redact(url)
              + "' is not a database the config store runs on: use jdbc:sqlite:<file> or"
              + " jdbc:postgresql://<host>:<port>/<database>.");
    }
    if (encryptionKey != null && encryptionKey.length != ConfigKeyFile.KEY_BYTES) {
      throw new ConfigurationException(
          "store.encryptionKey must be "
              + ConfigKeyFile.KEY_BYTES
              + " bytes (base64 of 32 random bytes, e.g. from `openssl rand -base64 32`), not "
              + encryptionKey.length
              + ".");
    }
    encryptionKey = encryptionKey == null ? null : encryptionKey.clone();
  }

  /** The embedded default: SQLite at {@code <data directory>/config.sqlite}, key file beside it. */
  public static StoreLocation embedded(Path dataDirectory) {
    return new StoreLocation(
        "jdbc:sqlite:" + dataDirectory.resolve("config.sqlite").toAbsolutePath(), null, null, null);
  }

  /** Whether the store is shared by nodes (not a file of this node's). */
  public boolean shared() {
    return dialect() != StoreDialect.SQLITE;
  }

  StoreDialect dialect() {
    return StoreDialect.of(url);
  }

  /** The SQLite file, for an embedded store. */
  Path sqliteFile() {
    return Path.of(url.substring("jdbc:sqlite:".length()));
  }

  @Override
  public byte[] encryptionKey() {
    return encryptionKey == null ? null : encryptionKey.clone();
  }

  /** The URL without its query (where passwords may be), for messages. */
  public String redactedUrl() {
    return redact(url);
  }

  private static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoreLocation that
        && url.equals(that.url)
        && Objects.equals(username, that.username)
        && Objects.equals(password, that.password)
        && Arrays.equals(encryptionKey, that.encryptionKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, username, password, Arrays.hashCode(encryptionKey));
  }

  @Override
  public String toString() {
    return "StoreLocation[url="
        + redactedUrl()
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + ", encryptionKey="
        + (encryptionKey == null ? "key file" : "***")
        + "]";
  }
}
