package io.dataexport.store.blob;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.WrappedKey;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The wrapped-key format of this package's key providers: AES key wrap (RFC 3394, the JDK's {@code
 * AESWrap} cipher) of a 32-byte data key under an AES-256 key-encryption key, 40 bytes. It is the
 * standard construction for encrypting keys; deterministic, which is safe because every data key is
 * fresh and random, and it carries its own integrity check, so a changed wrapped key or a different
 * key under the same id is detected instead of unwrapping to a wrong key.
 *
 * <p>Every provider here ({@link LocalKeyProvider}, {@link ConfiguredKeyProvider}) wraps through
 * this class, so a wrapped key does not depend on where its key-encryption key is kept. Stateless
 * and thread-safe.
 */
final class AesKeyWrap {
  /** The length of a key-encryption key and of a data key: AES-256. */
  static final int KEY_BYTES = 32;

  private static final String WRAP = "AESWrap";

  private AesKeyWrap() {}

  /**
   * Wraps a data key under a key-encryption key.
   *
   * @param keyId the id the wrapped key carries, naming {@code kek}
   * @param dataKey 32 bytes; neither kept nor changed
   * @throws IllegalArgumentException when the data key is not 32 bytes
   */
  static WrappedKey wrap(String keyId, SecretKey kek, byte[] dataKey) {
    if (dataKey.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "A data key is " + KEY_BYTES + " bytes (AES-256), not " + dataKey.length + ".");
    }
    try {
      Cipher cipher = Cipher.getInstance(WRAP);
      cipher.init(Cipher.WRAP_MODE, kek);
      return new WrappedKey(keyId, cipher.wrap(new SecretKeySpec(dataKey, "AES")));
    } catch (GeneralSecurityException e) {
      throw unavailable(e);
    }
  }

  /**
   * Unwraps a data key under the key-encryption key its id names.
   *
   * @param mismatch the message when the bytes do not unwrap with {@code kek}: names the key, where
   *     it comes from and what to do
   * @return a new array with the data key
   * @throws BlobIntegrityException when the bytes were changed or {@code kek} is not the key they
   *     were wrapped with
   */
  static byte[] unwrap(SecretKey kek, WrappedKey wrapped, Supplier<String> mismatch) {
    try {
      Cipher cipher = Cipher.getInstance(WRAP);
      cipher.init(Cipher.UNWRAP_MODE, kek);
      return cipher.unwrap(wrapped.bytes(), "AES", Cipher.SECRET_KEY).getEncoded();
    } catch (InvalidKeyException e) {
      throw new BlobIntegrityException(mismatch.get(), e);
    } catch (GeneralSecurityException e) {
      throw unavailable(e);
    }
  }

  private static IllegalStateException unavailable(GeneralSecurityException e) {
    return new IllegalStateException("AES key wrap is not available in this JDK: " + e, e);
  }
}
