package io.dataexport.store.blob.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.store.blob.BlobStoreCompatibilityKit;
import io.dataexport.store.blob.LocalKeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link BlobStoreCompatibilityKit} for stores built on {@link ObjectBlobStore}, plus what such
 * a store must do with the objects of its service: only sealed bytes reach the service and its
 * files, listings page, and objects under the prefix that are not blobs are left alone. A service's
 * module passes by extending this class with its provider and raw access to the objects through its
 * SDK, on a real server whose bucket or container all tests share; each test works under a prefix
 * of its own, with the keys of a {@link LocalKeyProvider} in a temporary directory.
 */
public abstract class ObjectBlobStoreKit extends BlobStoreCompatibilityKit {
  /** The data directory handed to the provider; the key provider keeps its keys there. */
  @TempDir protected Path data;

  /** The prefix ({@code blobs.prefix}) of this test's store. */
  protected final String prefix = "t-" + UUID.randomUUID() + "/";

  /** The key provider of the store last opened. */
  protected LocalKeyProvider keys;

  private final List<BlobStore> opened = new ArrayList<>();

  /** The provider of the store type under test. */
  protected abstract BlobStoreProvider provider();

  /** The {@code blobs.*} settings of a store on the shared bucket or container, without prefix. */
  protected abstract Map<String, String> serverSettings();

  /**
   * Opens the store as its provider does, but listing at most pageSize objects a request.
   *
   * @param settings settings the provider has accepted already (they need no check)
   */
  protected abstract BlobStore openWithPageSize(
      Map<String, String> settings, KeyProvider keys, int pageSize);

  /** The object with this full name, read through the SDK, if there is one. */
  protected abstract Optional<byte[]> readObject(String name);

  /** Writes the object with this full name through the SDK, as someone with access could. */
  protected abstract void writeObject(String name, byte[] content);

  /** The full names of every object whose name starts with namePrefix, through the SDK. */
  protected abstract List<String> objectNames(String namePrefix);

  /** Every file the server keeps its data in. */
  protected abstract List<Path> filesAtRest();

  /** The settings of this test's store: the server's, under this test's prefix. */
  protected Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>(serverSettings());
    settings.put("prefix", prefix);
    return settings;
  }

  @Override
  protected BlobStore open() {
    keys = LocalKeyProvider.open(data);
    return opened(provider().open(settings(), keys, data));
  }

  @AfterEach
  void closeStores() throws Exception {
    for (BlobStore store : opened) {
      if (store instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private BlobStore opened(BlobStore store) {
    opened.add(store);
    return store;
  }

  private String objectName(String key) {
    return prefix + key + ".blob";
  }

  @Override
  protected Optional<byte[]> storedBytes(String key) {
    return readObject(objectName(key));
  }

  @Override
  protected void writeStoredBytes(String key, byte[] bytes) {
    writeObject(objectName(key), bytes);
  }

  @Override
  protected List<String> storedKeys() {
    return objectNames(prefix).stream()
        .map(name -> name.substring(prefix.length()).replaceFirst("\\.blob$", ""))
        .toList();
  }

  @Override
  protected String rotateKey() {
    return keys.rotate();
  }

  @Test
  void anObjectReadThroughTheSdkIsTheSealedFormNeverThePlaintext() {
    store.put("p1/payloads/secret", payloadWithSecret());

    byte[] object = readObject(prefix + "p1/payloads/secret.blob").orElseThrow();

    assertThat(new String(object, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("DXEB");
    for (byte[] form : encodingsOf(SECRET)) {
      assertThat(contains(object, form)).isFalse();
    }
    assertThat(object.length).isGreaterThan(payloadWithSecret().length);
  }

  @Test
  void noFileTheServerWroteHoldsThePlaintext() throws IOException {
    store.put("p1/payloads/secret", payloadWithSecret());
    store.put("p1/parked/secret", payloadWithSecret());

    List<Path> files = filesAtRest();
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (byte[] form : encodingsOf(SECRET)) {
        assertThat(contains(content, form)).as("%s holds the plaintext", file).isFalse();
      }
    }
  }

  @Test
  void listAndDeleteAllPageThroughMoreBlobsThanOneListingHolds() {
    BlobStore paged = opened(openWithPageSize(settings(), keys, 7));
    for (int i = 0; i < 40; i++) {
      paged.put("p1/parked/n" + (100 + i), utf8("n" + i));
    }
    paged.put("p2/parked/kept", utf8("other profile"));

    assertThat(paged.list("p1/")).hasSize(40).extracting(StoredBlob::key).isSorted();

    paged.deleteAll("p1/");

    assertThat(paged.list("")).extracting(StoredBlob::key).containsExactly("p2/parked/kept");
    assertThat(storedKeys()).containsExactly("p2/parked/kept");
  }

  @Test
  void objectsUnderThePrefixThatAreNotBlobsAreNeitherListedNorDeleted() {
    store.put("p1/parked/a", utf8("a"));
    writeObject(prefix + "p1/parked/readme.txt", utf8("x"));

    assertThat(store.list("p1/")).extracting(StoredBlob::key).containsExactly("p1/parked/a");
    store.deleteAll("p1/");

    assertThat(storedKeys()).containsExactly("p1/parked/readme.txt");
  }
}
