package io.dataexport.server.config;

import io.dataexport.api.profile.Secret;
import io.dataexport.store.config.StoreLocation;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The config and metrics store: {@code store.url}, {@code store.username}, {@code store.password},
 * {@code store.encryptionKey}. Prints without its password, key or URL parameters.
 *
 * @param url {@code jdbc:sqlite:…} or {@code jdbc:postgresql://…}; by default the SQLite file
 *     {@code config.sqlite} in the data directory
 * @param username for PostgreSQL; empty when not configured
 * @param password for PostgreSQL; empty when not configured
 * @param encryptionKey the base64 AES-256 key of the profile documents; empty for the key file
 *     under {@code <data>/keys}
 */
public record StoreConfig(
    String url,
    Optional<String> username,
    Optional<Secret> password,
    Optional<Secret> encryptionKey) {
  private static final int KEY_BYTES = 32;

  /** The embedded store of a data directory: SQLite, its key in a file beside it. */
  static StoreConfig embedded(Path data) {
    return new StoreConfig(
        "jdbc:sqlite:" + data.resolve("config.sqlite"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Where the store is, as the store opens it. */
  public StoreLocation location() {
    return new StoreLocation(
        url,
        username.orElse(null),
        password.map(Secret::reveal).orElse(null),
        encryptionKey.map(key -> Base64.getDecoder().decode(key.reveal().strip())).orElse(null));
  }

  /** True for a store every node of a cluster can share (PostgreSQL), false for SQLite. */
  public boolean isShared() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** True for the embedded store of that data directory (nothing about the store configured). */
  public boolean isEmbedded(Path data) {
    return equals(embedded(data));
  }

  static StoreConfig read(ConfigReader reader, Path data) {
    String url = reader.text(ConfigKeys.STORE_URL, embedded(data).url());
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      reader.problem(
          ConfigKeys.STORE_URL,
          "is neither a jdbc:sqlite: nor a jdbc:postgresql: URL. Give jdbc:sqlite:FILE or"
              + " jdbc:postgresql://HOST:5432/DATABASE, or leave it out for SQLite in the data"
              + " directory.");
    }
    Optional<Secret> key = reader.secret(ConfigKeys.STORE_ENCRYPTION_KEY);
    if (url.startsWith("jdbc:postgresql:") && key.isEmpty()) {
      reader.problem(
          ConfigKeys.STORE_ENCRYPTION_KEY,
          "is required with a PostgreSQL store: the profile documents in it are encrypted with"
              + " this key, and every node (and a node started with an empty data directory) must"
              + " have the same one. Make one with 'openssl rand -base64 32' and keep it with the"
              + " store's backups.");
    }
    if (key.isPresent() && !isAes256Key(key.get())) {
      reader.problem(
          ConfigKeys.STORE_ENCRYPTION_KEY,
          "is not the base64 text of a 32-byte (AES-256) key. Make one with 'openssl rand -base64"
              + " 32' and give every node the same, or leave it out for a key file under the data"
              + " directory's keys/.");
    }
    return new StoreConfig(
        url,
        reader.optionalText(ConfigKeys.STORE_USERNAME),
        reader.secret(ConfigKeys.STORE_PASSWORD),
        key);
  }

  private static boolean isAes256Key(Secret key) {
    try {
      return Base64.getDecoder().decode(key.reveal().strip()).length == KEY_BYTES;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "StoreConfig[url="
        + ConfigKeys.printable(ConfigKeys.STORE_URL, url)
        + ", username="
        + username.orElse("")
        + ", password="
        + password.map(Secret::toString).orElse("")
        + ", encryptionKey="
        + encryptionKey.map(Secret::toString).orElse("")
        + "]";
  }
}
