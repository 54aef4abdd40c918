package io.dataexport.store.config;

import io.dataexport.api.error.ConfigurationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts profile documents with AES-256-GCM. Each value is {@code format byte (1) | nonce (12) |
 * ciphertext and tag}; a fresh random nonce per encryption keeps GCM safe. The associated data (the
 * profile id) binds a value to its row. Thread-safe.
 */
final class DocumentCipher {
  private static final byte FORMAT = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();
  private final String keyDescription;

  /**
   * @param keyDescription where the key comes from, for error messages
   */
  DocumentCipher(SecretKey key, String keyDescription) {
    this.key = key;
    this.keyDescription = keyDescription;
  }

  byte[] encrypt(String plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(FORMAT)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK: " + e, e);
    }
  }

  /**
   * @throws ConfigurationException when the value was not encrypted with this key (or for another
   *     row, or was changed)
   */
  String decrypt(byte[] value, String associatedData) {
    if (value.length < 1 + NONCE_BYTES || value[0] != FORMAT) {
      throw undecryptable(associatedData, null);
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(value, 1 + NONCE_BYTES, value.length - 1 - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw undecryptable(associatedData, e);
    }
  }

  private ConfigurationException undecryptable(String associatedData, Exception cause) {
    return new ConfigurationException(
        "The config store's value for '"
            + associatedData
            + "' cannot be decrypted with "
            + keyDescription
            + ": it is not the key the store was encrypted with, or the data was changed. Restore"
            + " the key file that belongs to this data directory from its backup.",
        cause);
  }
}
