package io.dataexport.store.blob;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.WrappedKey;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one blob: a fresh random AES-256 data key encrypts the data with AES-GCM;
 * the {@link KeyProvider} wraps the data key. The stored form (version 1, integers big-endian):
 *
 * <pre>
 * magic          4 bytes   "DXEB"
 * version        1 byte    1
 * key id length  2 bytes   n (1..65535)
 * key id         n bytes   UTF-8, the id of the key-encryption key that wrapped the data key
 * wrapped length 2 bytes   m (1..65535)
 * wrapped key    m bytes   the data key as the key provider wrapped it
 * nonce          12 bytes  random, from SecureRandom
 * ciphertext     rest      AES-256-GCM of the data, followed by its 16-byte tag
 * </pre>
 *
 * The GCM associated data is everything before the ciphertext followed by the blob's key in UTF-8:
 * a changed header, or a file copied to another key, fails authentication instead of decrypting.
 * Each data key encrypts exactly one blob, so a nonce can never repeat under a key. Thread-safe.
 *
 * <p>Every blob store kind seals with this class, on the service's side, so whatever keeps the
 * blobs (a directory, an S3 bucket, an Azure container) only ever holds this form, and blobs can be
 * copied between stores of different kinds under the same key.
 */
public final class BlobEnvelope {
  static final byte[] MAGIC = {'D', 'X', 'E', 'B'};
  static final byte VERSION = 1;
  static final int DATA_KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_FIELD = 0xFFFF;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final KeyProvider keys;
  private final SecureRandom random = new SecureRandom();

  /** An envelope whose data keys the given provider wraps and unwraps. */
  public BlobEnvelope(KeyProvider keys) {
    this.keys = keys;
  }

  /**
   * Encrypts data for the blob key, under a new data key wrapped by the provider's primary key.
   *
   * @return the stored form described above
   * @throws io.dataexport.api.error.ConfigurationException when the primary key cannot be used
   * @throws io.dataexport.api.error.RetriableException when the key provider cannot be reached now
   */
  public byte[] seal(String blobKey, byte[] data) {
    byte[] dataKey = new byte[DATA_KEY_BYTES];
    random.nextBytes(dataKey);
    try {
      WrappedKey wrapped = keys.wrap(dataKey);
      byte[] keyId = wrapped.keyId().getBytes(StandardCharsets.UTF_8);
      byte[] wrappedBytes = wrapped.bytes();
      if (keyId.length > MAX_FIELD || wrappedBytes.length > MAX_FIELD) {
        throw new IllegalStateException(
            "The key provider's key id or wrapped key is over " + MAX_FIELD + " bytes.");
      }
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      int headerLength =
          MAGIC.length + 1 + 2 + keyId.length + 2 + wrappedBytes.length + NONCE_BYTES;
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, dataKey, nonce);
      ByteBuffer stored =
          ByteBuffer.allocate(Math.addExact(headerLength, cipher.getOutputSize(data.length)));
      stored
          .put(MAGIC)
          .put(VERSION)
          .putShort((short) keyId.length)
          .put(keyId)
          .putShort((short) wrappedBytes.length)
          .put(wrappedBytes)
          .put(nonce);
      cipher.updateAAD(associatedData(stored.array(), headerLength, blobKey));
      cipher.doFinal(ByteBuffer.wrap(data), stored);
      return stored.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK: " + e, e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Decrypts a stored blob.
   *
   * @param where the blob and its location, for messages
   * @throws BlobIntegrityException when the stored form is malformed or does not authenticate
   * @throws io.dataexport.api.error.ConfigurationException when the key it names is not available
   */
  public byte[] open(String blobKey, byte[] stored, String where) {
    Header header = Header.read(stored, where);
    byte[] dataKey = keys.unwrap(header.wrappedKey());
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, dataKey, header.nonce());
      cipher.updateAAD(associatedData(stored, header.length(), blobKey));
      return cipher.doFinal(stored, header.length(), stored.length - header.length());
    } catch (AEADBadTagException e) {
      throw new BlobIntegrityException(
          where
              + " does not authenticate: it was changed, or it was written for another key and"
              + " moved here.",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK: " + e, e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * The id of the key that wrapped a stored blob's data key, read from its header without
   * decrypting anything.
   *
   * @throws BlobIntegrityException when the header is malformed
   */
  public static String keyId(byte[] stored, String where) {
    return Header.read(stored, where).wrappedKey().keyId();
  }

  private static Cipher cipher(int mode, byte[] dataKey, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }

  private static byte[] associatedData(byte[] stored, int headerLength, String blobKey) {
    byte[] key = blobKey.getBytes(StandardCharsets.UTF_8);
    byte[] associated = Arrays.copyOf(stored, headerLength + key.length);
    System.arraycopy(key, 0, associated, headerLength, key.length);
    return associated;
  }

  /** The parsed header; {@code length} is where the ciphertext starts. */
  private record Header(WrappedKey wrappedKey, byte[] nonce, int length) {
    static Header read(byte[] stored, String where) {
      ByteBuffer in = ByteBuffer.wrap(stored);
      try {
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
          throw malformed(where, "it does not start with the blob format's magic bytes", null);
        }
        byte version = in.get();
        if (version != VERSION) {
          throw malformed(
              where,
              "it has format version "
                  + version
                  + ", this service reads version "
                  + VERSION
                  + " (written by a newer version, or changed)",
              null);
        }
        String keyId = new String(field(in), StandardCharsets.UTF_8);
        byte[] wrapped = field(in);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        if (in.remaining() < TAG_BITS / 8) {
          throw malformed(where, "it is cut short", null);
        }
        return new Header(new WrappedKey(keyId, wrapped), nonce, in.position());
      } catch (BufferUnderflowException | IllegalArgumentException e) {
        throw malformed(where, "it is cut short or its header was changed", e);
      }
    }

    private static byte[] field(ByteBuffer in) {
      byte[] field = new byte[Short.toUnsignedInt(in.getShort())];
      in.get(field);
      return field;
    }

    private static BlobIntegrityException malformed(String where, String why, Exception cause) {
      return new BlobIntegrityException(where + " cannot be read: " + why + ".", cause);
    }
  }
}
