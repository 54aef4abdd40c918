package io.dataexport.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small JSON documents for a client to carry and send back (cookies): AES-256-GCM under a key
 * every node of a cluster derives alike, so the client can neither read nor change them and any
 * node can open them. The purpose is bound in as associated data, so a value sealed for one purpose
 * never opens as another. The text is base64url of {@code nonce (12) | ciphertext and tag}.
 * Thread-safe.
 */
public final class SealedJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_TEXT = 8192;

  private final SecretKey key;
  private final byte[] purpose;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param key 32 bytes, e.g. {@link io.dataexport.api.store.ConfigStore#derivedKey}
   * @param purpose what the values are for, e.g. {@code console-session}
   */
  public SealedJson(byte[] key, String purpose) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the key must be 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.purpose = purpose.getBytes(StandardCharsets.UTF_8);
  }

  /** The document sealed, as cookie-safe text. */
  public String seal(JsonNode document) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose);
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(document));
      byte[] value =
          ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot seal a document with AES-GCM: " + e, e);
    }
  }

  /**
   * The document a text sealed; empty when it was not sealed with this key for this purpose, or was
   * changed.
   */
  public Optional<JsonNode> open(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
      return Optional.empty();
    }
    try {
      byte[] value = Base64.getUrlDecoder().decode(text);
      if (value.length <= NONCE_BYTES) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 0, NONCE_BYTES));
      cipher.updateAAD(purpose);
      byte[] plain = cipher.doFinal(value, NONCE_BYTES, value.length - NONCE_BYTES);
      return Optional.of(JSON.readTree(plain));
    } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
      return Optional.empty();
    }
  }
}
