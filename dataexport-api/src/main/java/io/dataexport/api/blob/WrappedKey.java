package io.dataexport.api.blob;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data key encrypted by a {@link KeyProvider}, with the id of the key-encryption key that
 * encrypted it. Not secret by itself: only the provider can unwrap it.
 *
 * @param keyId the id of the wrapping key, as the provider names it; not blank
 * @param bytes the wrapped key; copied in and out, so the record stays immutable
 */
public record WrappedKey(String keyId, byte[] bytes) {
  public WrappedKey {
    Objects.requireNonNull(keyId, "keyId");
    if (keyId.isBlank()) {
      throw new IllegalArgumentException("A wrapped key needs the id of the key that wrapped it.");
    }
    bytes = Objects.requireNonNull(bytes, "bytes").clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WrappedKey w && w.keyId.equals(keyId) && Arrays.equals(w.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "WrappedKey[keyId=" + keyId + ", " + bytes.length + " bytes]";
  }
}
