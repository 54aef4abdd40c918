package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.WrappedKey;
import io.dataexport.api.error.ConfigurationException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyProvider} must do, wherever it keeps its keys. A provider kind passes by
 * extending this class and saying how to open it, how it rotates, and how to open a provider that
 * holds a different key under the same id (another installation, a replaced key).
 */
abstract class KeyProviderCompatibilityKit {
  /** An id no provider under test holds; it fits the id rules of every kind here. */
  static final String UNKNOWN_KEY_ID = "kek-20000101T000000000000Z-00000000";

  private static final SecureRandom RANDOM = new SecureRandom();

  protected KeyProvider provider;

  /** Opens the provider under test, with a primary key. */
  protected abstract KeyProvider open();

  /**
   * Rotates the way this kind does: a new primary key, the old keys kept for unwrapping.
   *
   * @return the provider to use from now on: the same one, or one opened anew
   */
  protected abstract KeyProvider rotate(KeyProvider provider);

  /** Opens a separate provider holding another key under the given id, as its primary. */
  protected abstract KeyProvider openWithOtherKeyUnder(String keyId);

  @BeforeEach
  void openProvider() {
    provider = open();
  }

  static byte[] dataKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  @Test
  void aWrappedKeyUnwrapsToTheDataKey() {
    byte[] dataKey = dataKey();

    WrappedKey wrapped = provider.wrap(dataKey);

    assertThat(wrapped.bytes()).isNotEqualTo(dataKey);
    assertThat(provider.unwrap(wrapped)).isEqualTo(dataKey);
  }

  @Test
  void aWrappedKeyCarriesTheIdOfThePrimaryKey() {
    assertThat(provider.primaryKeyId()).isNotBlank();

    assertThat(provider.wrap(dataKey()).keyId()).isEqualTo(provider.primaryKeyId());
  }

  @Test
  void keysWrappedBeforeARotationStillUnwrapAndNewOnesUseTheNewPrimary() {
    String oldPrimary = provider.primaryKeyId();
    byte[] oldDataKey = dataKey();
    WrappedKey underOld = provider.wrap(oldDataKey);

    KeyProvider rotated = rotate(provider);
    byte[] newDataKey = dataKey();
    WrappedKey underNew = rotated.wrap(newDataKey);

    assertThat(rotated.primaryKeyId()).isNotEqualTo(oldPrimary);
    assertThat(underOld.keyId()).isEqualTo(oldPrimary);
    assertThat(underNew.keyId()).isEqualTo(rotated.primaryKeyId());
    assertThat(rotated.unwrap(underOld)).isEqualTo(oldDataKey);
    assertThat(rotated.unwrap(underNew)).isEqualTo(newDataKey);
  }

  @Test
  void everyChangedByteOfAWrappedKeyIsAnIntegrityErrorNamingTheKey() {
    WrappedKey wrapped = provider.wrap(dataKey());
    byte[] original = wrapped.bytes();

    for (int i = 0; i < original.length; i++) {
      byte[] changed = original.clone();
      changed[i] ^= 0x01;
      assertThatThrownBy(() -> provider.unwrap(new WrappedKey(wrapped.keyId(), changed)))
          .as("byte %d of %d changed", i, original.length)
          .isInstanceOf(BlobIntegrityException.class)
          .hasMessageContaining(wrapped.keyId());
    }
    for (int length : new int[] {0, 7, original.length - 8, original.length + 8}) {
      byte[] resized = Arrays.copyOf(original, length);
      assertThatThrownBy(() -> provider.unwrap(new WrappedKey(wrapped.keyId(), resized)))
          .as("cut or extended to %d bytes", length)
          .isInstanceOf(BlobIntegrityException.class);
    }
  }

  @Test
  void anUnknownKeyIdIsAConfigurationErrorNamingIt() {
    byte[] wrapped = provider.wrap(dataKey()).bytes();

    assertThatThrownBy(() -> provider.unwrap(new WrappedKey(UNKNOWN_KEY_ID, wrapped)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(UNKNOWN_KEY_ID);
  }

  @Test
  void aKeyWrappedUnderAnotherKeyOfTheSameIdIsAnIntegrityError() {
    WrappedKey wrapped = provider.wrap(dataKey());
    KeyProvider other = openWithOtherKeyUnder(wrapped.keyId());

    assertThatThrownBy(() -> other.unwrap(wrapped))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining(wrapped.keyId());
    WrappedKey byOther = other.wrap(dataKey());
    assertThat(byOther.keyId()).isEqualTo(wrapped.keyId());
    assertThatThrownBy(() -> provider.unwrap(byOther)).isInstanceOf(BlobIntegrityException.class);
  }

  @Test
  void concurrentWrapsAndUnwrapsEachGetTheirOwnKeyBack() throws Exception {
    byte[] sharedDataKey = dataKey();
    WrappedKey shared = provider.wrap(sharedDataKey);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            threads.submit(
                () -> {
                  int roundTrips = 0;
                  for (int i = 0; i < 250; i++) {
                    byte[] dataKey = dataKey();
                    WrappedKey wrapped = provider.wrap(dataKey);
                    if (Arrays.equals(provider.unwrap(wrapped), dataKey)
                        && Arrays.equals(provider.unwrap(shared), sharedDataKey)) {
                      roundTrips++;
                    }
                  }
                  return roundTrips;
                }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(250);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theDataKeyIsNeitherChangedNorKept() {
    byte[] dataKey = dataKey();
    byte[] original = dataKey.clone();

    WrappedKey wrapped = provider.wrap(dataKey);

    assertThat(dataKey).as("the caller's data key after wrap").isEqualTo(original);
    // The caller clears its data key after use; what was wrapped must not depend on that array.
    Arrays.fill(dataKey, (byte) 0);
    byte[] unwrapped = provider.unwrap(wrapped);
    assertThat(unwrapped).isEqualTo(original);
    // Each unwrap returns a copy of its own, which the caller clears in turn.
    Arrays.fill(unwrapped, (byte) 0);
    assertThat(provider.unwrap(wrapped)).isEqualTo(original);
  }
}
