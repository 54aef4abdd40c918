package io.dataexport.store.config;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.store.io.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that encrypts profile documents at rest: 32 random bytes in {@code keys/config.key} under
 * the data directory, readable by the service's user only. Losing it makes the stored secrets
 * unreadable, so it belongs in the same backup as the data directory.
 */
final class ConfigKeyFile {
  static final int KEY_BYTES = 32;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigKeyFile.class);

  private ConfigKeyFile() {}

  static Path location(Path dataDirectory) {
    return dataDirectory.resolve("keys").resolve("config.key");
  }

  /**
   * Reads the key, creating it first when it does not exist and the store holds nothing encrypted
   * yet.
   *
   * @param storeHasEncryptedData whether the store was already encrypted with some key
   * @throws ConfigurationException when the key is missing although data was encrypted with it, or
   *     the file does not hold a key
   */
  static SecretKey loadOrCreate(Path file, boolean storeHasEncryptedData) throws IOException {
    if (!Files.exists(file)) {
      if (storeHasEncryptedData) {
        throw new ConfigurationException(
            "The key file "
                + file
                + " is missing, but the config store was encrypted with it. Restore it from the"
                + " backup of the data directory; without it the stored profiles cannot be read.");
      }
      create(file);
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length != KEY_BYTES) {
      throw new ConfigurationException(
          "The key file "
              + file
              + " holds "
              + key.length
              + " bytes, but a config key is "
              + KEY_BYTES
              + " random bytes. Restore the right file from the backup of the data directory.");
    }
    warnWhenReadableByOthers(file);
    return new SecretKeySpec(key, "AES");
  }

  private static void create(Path file) throws IOException {
    PrivateFiles.createDirectory(file.getParent());
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    PrivateFiles.write(file, key);
    LOG.info("Created the config store key {}; back it up with the data directory.", file);
  }

  private static void warnWhenReadableByOthers(Path file) throws IOException {
    if (PrivateFiles.accessibleByOthers(file)) {
      LOG.warn(
          "The key file {} is readable by other users; restrict it with 'chmod 600 {}'.",
          file,
          file);
    }
  }
}
