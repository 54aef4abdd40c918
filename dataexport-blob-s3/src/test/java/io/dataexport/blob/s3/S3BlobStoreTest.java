package io.dataexport.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.store.blob.BlobSettings;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store against S3Proxy: the compatibility kit, with raw access to the objects through the
 * SDK, plus what is particular to S3. Each test works under its own prefix in one bucket.
 */
class S3BlobStoreTest extends BlobStoreCompatibilityKit {
  private static final String BUCKET = "blobs-" + UUID.randomUUID().toString().substring(0, 8);

  private static S3ProxyServer server;
  private static S3Client raw;

  @TempDir Path data;

  private final String prefix = "t-" + UUID.randomUUID() + "/";
  private final List<S3BlobStore> opened = new ArrayList<>();
  private LocalKeyProvider keys;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.start();
    server.createBucket(BUCKET);
    raw = server.client();
  }

  @AfterAll
  static void stopServer() {
    if (raw != null) {
      raw.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeStores() {
    opened.forEach(S3BlobStore::close);
  }

  private Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>(server.settings(BUCKET));
    settings.put("prefix", prefix);
    return settings;
  }

  private S3BlobStore openWithPageSize(int pageSize) {
    keys = LocalKeyProvider.open(data);
    BlobSettings read = new BlobSettings("s3", settings(), S3Settings.KEYS);
    S3Settings s3 = S3Settings.read(read);
    read.requireUsable();
    S3BlobStore store = S3BlobStore.open(s3, keys, pageSize);
    opened.add(store);
    return store;
  }

  @Override
  protected BlobStore open() {
    keys = LocalKeyProvider.open(data);
    S3BlobStore store = (S3BlobStore) new S3BlobStoreProvider().open(settings(), keys, data);
    opened.add(store);
    return store;
  }

  private String objectName(String key) {
    return prefix + key + ".blob";
  }

  @Override
  protected Optional<byte[]> storedBytes(String key) {
    try {
      return Optional.of(
          raw.getObjectAsBytes(r -> r.bucket(BUCKET).key(objectName(key))).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  protected void writeStoredBytes(String key, byte[] bytes) {
    raw.putObject(r -> r.bucket(BUCKET).key(objectName(key)), RequestBody.fromBytes(bytes));
  }

  @Override
  protected List<String> storedKeys() {
    return raw.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(S3Object::key)
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

    byte[] object =
        raw.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + "p1/payloads/secret.blob"))
            .asByteArray();

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

    List<Path> files = server.storedFiles();
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
    S3BlobStore paged = openWithPageSize(7);
    for (int i = 0; i < 40; i++) {
      paged.put("p1/parked/n" + (100 + i), utf8("n" + i));
    }
    paged.put("p2/parked/kept", utf8("other profile"));

    assertThat(paged.list("p1/")).hasSize(40).extracting(b -> b.key()).isSorted();

    paged.deleteAll("p1/");

    assertThat(paged.list("")).extracting(b -> b.key()).containsExactly("p2/parked/kept");
    assertThat(storedKeys()).containsExactly("p2/parked/kept");
  }

  @Test
  void objectsUnderThePrefixThatAreNotBlobsAreNeitherListedNorDeleted() {
    store.put("p1/parked/a", utf8("a"));
    raw.putObject(
        r -> r.bucket(BUCKET).key(prefix + "p1/parked/readme.txt"), RequestBody.fromString("x"));

    assertThat(store.list("p1/")).extracting(b -> b.key()).containsExactly("p1/parked/a");
    store.deleteAll("p1/");

    assertThat(storedKeys()).containsExactly("p1/parked/readme.txt");
  }
}
