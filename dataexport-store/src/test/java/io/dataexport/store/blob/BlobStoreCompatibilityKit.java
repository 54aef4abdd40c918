package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.api.error.DataExportException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} must do, whatever keeps the blobs. A store kind passes by extending
 * this class, saying how to open its store and giving raw access to what it keeps at rest (files,
 * objects), so the suite can check encryption and removal the way an attacker with access to the
 * storage would see them. Published in dataexport-store's test-jar for the store modules.
 */
public abstract class BlobStoreCompatibilityKit {
  protected static final String SECRET = "Confidential-Zoë-Payload-4242";

  protected BlobStore store;

  /** Opens the store under test: the same stored blobs on every call, so a second call restarts. */
  protected abstract BlobStore open();

  /** The bytes kept at rest for a key, exactly as stored, if any. */
  protected abstract Optional<byte[]> storedBytes(String key);

  /** Replaces the bytes kept at rest for a key, as someone with access to the storage could. */
  protected abstract void writeStoredBytes(String key, byte[] bytes);

  /** The key of everything kept at rest (leftover temporary copies included). */
  protected abstract List<String> storedKeys();

  /**
   * Makes a new primary key in the key provider the store was opened with, keeping the old ones.
   *
   * @return the new primary key's id
   */
  protected abstract String rotateKey();

  @BeforeEach
  protected void openStore() {
    store = open();
  }

  protected static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  protected static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  /** The plaintext in every encoding a payload could plausibly be written in. */
  protected static List<byte[]> encodingsOf(String text) {
    List<byte[]> forms = new ArrayList<>();
    for (Charset charset :
        List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
      forms.add(text.getBytes(charset));
    }
    // The ASCII stretch alone, in case a non-ASCII character was encoded differently.
    forms.add(utf8("Payload-4242"));
    return forms;
  }

  protected static byte[] payloadWithSecret() {
    return utf8(("{\"name\":\"" + SECRET + "\",\"note\":\"" + SECRET + "\"}\n").repeat(20));
  }

  @Test
  void aSmallBlobComesBackExactly() {
    store.put("p1/parked/n1", utf8("hello, blob"));

    assertThat(store.get("p1/parked/n1"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("hello, blob")));
  }

  @Test
  void anEmptyBlobComesBackEmpty() {
    store.put("p1/parked/empty", new byte[0]);

    assertThat(store.get("p1/parked/empty")).hasValueSatisfying(d -> assertThat(d).isEmpty());
  }

  @Test
  void aFiveMegabyteBlobComesBackExactly() {
    byte[] large = randomBytes(5 * 1024 * 1024, 7);
    store.put("p1/payloads/large", large);

    assertThat(store.get("p1/payloads/large"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(large));
  }

  @Test
  void aMissingBlobIsEmpty() {
    assertThat(store.get("p1/parked/none")).isEmpty();
  }

  @Test
  void putReplacesWhatWasThere() {
    store.put("p1/parked/n1", utf8("first"));
    store.put("p1/parked/n1", utf8("second"));

    assertThat(store.get("p1/parked/n1"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("second")));
  }

  @Test
  void blobsAreStillThereAfterARestart() {
    store.put("p1/parked/n1", utf8("kept"));

    store = open();

    assertThat(store.get("p1/parked/n1"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("kept")));
  }

  @Test
  void whatIsKeptAtRestHoldsNoPlaintext() {
    store.put("p1/payloads/secret", payloadWithSecret());

    byte[] stored = storedBytes("p1/payloads/secret").orElseThrow();
    for (byte[] form : encodingsOf(SECRET)) {
      assertThat(contains(stored, form))
          .as("stored bytes contain %s", new String(form, StandardCharsets.ISO_8859_1))
          .isFalse();
    }
    assertThat(contains(stored, utf8("\"name\":"))).isFalse();
  }

  @Test
  void theSameDataIsStoredDifferentlyEachTime() {
    store.put("p1/parked/a", payloadWithSecret());
    byte[] first = storedBytes("p1/parked/a").orElseThrow();
    store.put("p1/parked/a", payloadWithSecret());

    assertThat(storedBytes("p1/parked/a").orElseThrow()).isNotEqualTo(first);
  }

  @Test
  void everyChangedByteIsRefusedNotDecryptedToGarbage() {
    store.put("p1/parked/n1", utf8("small and sensitive"));
    byte[] original = storedBytes("p1/parked/n1").orElseThrow();

    for (int i = 0; i < original.length; i++) {
      byte[] tampered = original.clone();
      tampered[i] ^= 0x01;
      writeStoredBytes("p1/parked/n1", tampered);
      int position = i;
      assertThatThrownBy(() -> store.get("p1/parked/n1"))
          .as("byte %d of %d changed", position, original.length)
          .isInstanceOf(DataExportException.class);
    }
    // The ciphertext itself is checked by its authentication tag.
    byte[] tampered = original.clone();
    tampered[tampered.length - 20] ^= 0x40;
    writeStoredBytes("p1/parked/n1", tampered);
    assertThatThrownBy(() -> store.get("p1/parked/n1"))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining("p1/parked/n1")
        .hasMessageNotContaining("sensitive");

    writeStoredBytes("p1/parked/n1", original);
    assertThat(store.get("p1/parked/n1")).isPresent();
  }

  @Test
  void aTruncatedBlobIsRefused() {
    store.put("p1/parked/n1", utf8("small and sensitive"));
    byte[] original = storedBytes("p1/parked/n1").orElseThrow();

    for (int length : new int[] {0, 3, 5, 10, original.length / 2, original.length - 1}) {
      writeStoredBytes("p1/parked/n1", Arrays.copyOf(original, length));
      assertThatThrownBy(() -> store.get("p1/parked/n1"))
          .as("cut to %d bytes", length)
          .isInstanceOf(BlobIntegrityException.class);
    }
  }

  @Test
  void aBlobMovedToAnotherKeyIsRefused() {
    store.put("p1/parked/a", utf8("belongs to a"));
    store.put("p1/parked/b", utf8("belongs to b"));

    writeStoredBytes("p1/parked/b", storedBytes("p1/parked/a").orElseThrow());

    assertThatThrownBy(() -> store.get("p1/parked/b"))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining("p1/parked/b");
    assertThat(store.get("p1/parked/a")).isPresent();
  }

  @Test
  void deleteRemovesTheBlobAndEverythingKeptForIt() {
    store.put("p1/parked/n1", payloadWithSecret());
    store.put("p1/parked/n2", utf8("other"));

    store.delete("p1/parked/n1");

    assertThat(store.get("p1/parked/n1")).isEmpty();
    assertThat(storedKeys()).containsExactly("p1/parked/n2");
  }

  @Test
  void deletingAMissingBlobDoesNothing() {
    store.delete("p1/parked/none");
    store.delete("p9/never/there");

    assertThat(storedKeys()).isEmpty();
  }

  @Test
  void deleteAllRemovesTheBlobsUnderThePrefixAndNothingElse() {
    List<String> keys =
        List.of(
            "p1/parked/a",
            "p1/parked/b/c",
            "p1/parked/ab",
            "p1/payloads/x",
            "p10/parked/a",
            "p2/x");
    keys.forEach(key -> store.put(key, utf8(key)));

    store.deleteAll("p1/parked/a");
    assertThat(storedKeys())
        .containsExactlyInAnyOrder("p1/parked/b/c", "p1/payloads/x", "p10/parked/a", "p2/x");

    store.deleteAll("p1/");
    assertThat(storedKeys()).containsExactlyInAnyOrder("p10/parked/a", "p2/x");
    assertThat(store.get("p1/payloads/x")).isEmpty();
    assertThat(store.get("p10/parked/a")).isPresent();

    store.deleteAll("p");
    assertThat(storedKeys()).isEmpty();
  }

  @Test
  void deleteAllOfAnUnknownPrefixDoesNothing() {
    store.put("p1/parked/a", utf8("a"));

    store.deleteAll("p9/");
    store.deleteAll("p1/nothing/");

    assertThat(storedKeys()).containsExactly("p1/parked/a");
  }

  @Test
  void listReportsTheBlobsUnderThePrefixSortedByKeyWithWhenEachWasWritten() {
    Instant before = Instant.now();
    List<String> keys =
        List.of(
            "p1/payload/b/c",
            "p1/parked/ab",
            "p1/parked/a",
            "p10/parked/a",
            "p1/payload/x",
            "p2/x");
    keys.forEach(key -> store.put(key, utf8(key)));
    Instant after = Instant.now();

    assertThat(store.list("p1/"))
        .extracting(StoredBlob::key)
        .containsExactly("p1/parked/a", "p1/parked/ab", "p1/payload/b/c", "p1/payload/x");
    assertThat(store.list("p1/parked/a"))
        .extracting(StoredBlob::key)
        .containsExactly("p1/parked/a", "p1/parked/ab");
    assertThat(store.list("p1"))
        .extracting(StoredBlob::key)
        .containsExactly(
            "p1/parked/a", "p1/parked/ab", "p1/payload/b/c", "p1/payload/x", "p10/parked/a");
    assertThat(store.list("")).extracting(StoredBlob::key).hasSize(6).isSorted();
    assertThat(store.list("p1/payload/x/")).isEmpty();
    assertThat(store.list("p9/")).isEmpty();
    // storage may keep times to the second only
    assertThat(store.list("p"))
        .allSatisfy(
            blob ->
                assertThat(blob.lastModified())
                    .isBetween(
                        before.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1),
                        after.plusSeconds(1)));
  }

  @Test
  void listShowsABlobPutAgainOnceWithItsNewTimeAndADeletedOneNoMore() throws Exception {
    store.put("p1/parked/a", utf8("first"));
    store.put("p1/parked/b", utf8("b"));
    Instant first = store.list("p1/parked/a").get(0).lastModified();
    Thread.sleep(1100); // beyond what a storage keeping seconds only rounds away

    store.put("p1/parked/a", utf8("second"));
    store.delete("p1/parked/b");

    assertThat(store.list("p1/"))
        .singleElement()
        .satisfies(blob -> assertThat(blob.key()).isEqualTo("p1/parked/a"))
        .satisfies(blob -> assertThat(blob.lastModified()).isAfter(first));
    store.deleteAll("p1/");
    assertThat(store.list("p1/")).isEmpty();
    assertThat(store.list("")).isEmpty();
  }

  @Test
  void listingWhileBlobsComeAndGoNeverFails() {
    int threads = 4;
    List<List<StoredBlob>> listings = new ArrayList<>();
    // Keeps p1/payload/ itself in place: each writer's directories below it come and go, and no
    // two writers share one (concurrentPutsAndDeletesInOneDirectoryKeepEachOthersBlobs is that
    // race; a file-backed test server such as S3Proxy's answers 500 to it now and then).
    store.put("p1/payload/kept", utf8("kept"));
    inParallel(
        threads + 1,
        t -> {
          if (t == threads) {
            for (int i = 0; i < 100; i++) {
              listings.add(store.list("p1/"));
            }
            return;
          }
          for (int i = 0; i < 60; i++) {
            // whole directories appear and disappear while the listing walks them
            String key = "p1/payload/t" + t + "/e" + (i % 5) + "/" + i;
            store.put(key, utf8(key));
            store.delete(key);
          }
          store.put("p1/parked/t" + t, utf8("kept"));
        });

    assertThat(listings).hasSize(100);
    assertThat(store.list("p1/"))
        .extracting(StoredBlob::key)
        .containsExactly(
            "p1/parked/t0", "p1/parked/t1", "p1/parked/t2", "p1/parked/t3", "p1/payload/kept");
  }

  @Test
  void invalidKeysAreRefused() {
    List<String> invalid =
        List.of(
            "",
            "/p1/x",
            "../x",
            "p1/../../x",
            "p1/./x",
            "p1//x",
            "p1/x/",
            "p1/x y",
            "p1\\x",
            "C:/x",
            "p1/ü",
            "p1/x\u0000",
            "p1/" + "a".repeat(201));
    for (String key : invalid) {
      assertThatThrownBy(() -> store.put(key, utf8("x")))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.get(key)).as(key).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.delete(key))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.put(null, utf8("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storedKeys()).isEmpty();
  }

  @Test
  void invalidPrefixesAreRefused() {
    store.put("p1/parked/a", utf8("a"));

    for (String prefix : List.of("", "/", "/p1", "../", "p1/../", "p1//", "p1/x y")) {
      assertThatThrownBy(() -> store.deleteAll(prefix))
          .as(prefix)
          .isInstanceOf(IllegalArgumentException.class);
      if (!prefix.isEmpty()) {
        assertThatThrownBy(() -> store.list(prefix))
            .as(prefix)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
    assertThatThrownBy(() -> store.list(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(storedKeys()).containsExactly("p1/parked/a");
  }

  @Test
  void concurrentPutsFromSeveralThreadsAllLand() {
    int threads = 8;
    int perThread = 40;
    inParallel(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            store.put("p1/parked/t" + t + "/n" + i, utf8("t" + t + "n" + i));
          }
        });

    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(store.get("p1/parked/t" + t + "/n" + i))
            .hasValueSatisfying(d -> assertThat(d).isNotEmpty());
      }
    }
    assertThat(storedKeys()).hasSize(threads * perThread);
  }

  @Test
  void concurrentPutsAndDeletesInOneDirectoryKeepEachOthersBlobs() {
    int threads = 6;
    inParallel(
        threads,
        t -> {
          for (int i = 0; i < 60; i++) {
            // Short-lived blobs emptying their directory while others write into it.
            String key = "p1/shared/d" + (i % 3) + "/t" + t + "-" + i;
            store.put(key, utf8(key));
            if (i % 10 != 0) {
              store.delete(key);
            }
            if (i % 20 == 5) {
              store.deleteAll("p1/shared/d" + (i % 3) + "/t" + t + "-9");
            }
          }
        });

    List<String> expected = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < 60; i += 10) {
        expected.add("p1/shared/d" + (i % 3) + "/t" + t + "-" + i);
      }
    }
    assertThat(storedKeys()).containsExactlyInAnyOrderElementsOf(expected);
    for (String key : expected) {
      assertThat(store.get(key)).hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8(key)));
    }
  }

  @Test
  void concurrentPutsOfOneKeyLeaveOneWholeValue() {
    List<byte[]> values = IntStream.range(0, 8).mapToObj(t -> randomBytes(64 * 1024, t)).toList();
    inParallel(
        values.size(),
        t -> {
          for (int i = 0; i < 10; i++) {
            store.put("p1/parked/contended", values.get(t));
          }
        });

    byte[] stored = store.get("p1/parked/contended").orElseThrow();
    assertThat(values).anySatisfy(value -> assertThat(value).isEqualTo(stored));
    assertThat(storedKeys()).containsExactly("p1/parked/contended");
  }

  @Test
  void reencryptionMovesBlobsWrittenUnderOlderKeysToThePrimary() {
    store.put("p1/parked/a", utf8("a"));
    store.put("p1/payloads/b", utf8("b"));
    String oldKey = BlobEnvelope.keyId(storedBytes("p1/parked/a").orElseThrow(), "a");
    String newKey = rotateKey();
    store.put("p1/parked/c", utf8("c"));

    assertThat(store.reencrypt()).isEqualTo(2);
    assertThat(store.reencrypt()).isZero();

    assertThat(newKey).isNotEqualTo(oldKey);
    for (String key : List.of("p1/parked/a", "p1/payloads/b", "p1/parked/c")) {
      assertThat(BlobEnvelope.keyId(storedBytes(key).orElseThrow(), key)).isEqualTo(newKey);
    }
    store = open();
    assertThat(store.get("p1/parked/a"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("a")));
    assertThat(store.get("p1/payloads/b"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("b")));
    assertThat(storedKeys())
        .containsExactlyInAnyOrder("p1/parked/a", "p1/payloads/b", "p1/parked/c");
  }

  @Test
  void reencryptionLeavesABlobThatDoesNotAuthenticateAsItIs() {
    store.put("p1/parked/a", utf8("a"));
    store.put("p1/parked/b", utf8("b"));
    byte[] tampered = storedBytes("p1/parked/a").orElseThrow();
    tampered[tampered.length - 1] ^= 0x01;
    writeStoredBytes("p1/parked/a", tampered);
    rotateKey();

    assertThat(store.reencrypt()).isEqualTo(1);

    assertThat(storedBytes("p1/parked/a"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(tampered));
    assertThatThrownBy(() -> store.get("p1/parked/a")).isInstanceOf(BlobIntegrityException.class);
    assertThat(store.get("p1/parked/b"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("b")));
  }

  private static void inParallel(int threads, Consumer<Integer> work) {
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      List<CompletableFuture<Void>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        running.add(CompletableFuture.runAsync(() -> work.accept(thread), executor));
      }
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }
  }
}
