package io.dataexport.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.BlobStoreCompatibilityKit;
import io.dataexport.store.blob.LocalKeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure store against Azurite: the compatibility kit, with raw access to the blobs through the
 * SDK, plus what is particular to Azure. Each test works under its own prefix in one container.
 */
class AzureBlobStoreTest extends BlobStoreCompatibilityKit {
  private static final String CONTAINER = "blobs-" + UUID.randomUUID().toString().substring(0, 8);

  private static AzuriteServer server;
  private static BlobContainerClient raw;

  @TempDir Path data;

  private final String prefix = "t-" + UUID.randomUUID() + "/";
  private LocalKeyProvider keys;

  @BeforeAll
  static void startServer() {
    server = AzuriteServer.start();
    BlobServiceClient client = server.client();
    raw = client.getBlobContainerClient(CONTAINER);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>(server.settings(CONTAINER));
    settings.put("prefix", prefix);
    return settings;
  }

  @Override
  protected BlobStore open() {
    keys = LocalKeyProvider.open(data);
    return new AzureBlobStoreProvider().open(settings(), keys, data);
  }

  private String blobName(String key) {
    return prefix + key + ".blob";
  }

  @Override
  protected Optional<byte[]> storedBytes(String key) {
    try {
      return Optional.of(raw.getBlobClient(blobName(key)).downloadContent().toBytes());
    } catch (BlobStorageException e) {
      if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  protected void writeStoredBytes(String key, byte[] bytes) {
    raw.getBlobClient(blobName(key)).upload(BinaryData.fromBytes(bytes), true);
  }

  @Override
  protected List<String> storedKeys() {
    return raw.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream()
        .map(BlobItem::getName)
        .map(name -> name.substring(prefix.length()).replaceFirst("\\.blob$", ""))
        .toList();
  }

  @Override
  protected String rotateKey() {
    return keys.rotate();
  }

  @Test
  void aBlobReadThroughTheSdkIsTheSealedFormNeverThePlaintext() {
    store.put("p1/payloads/secret", payloadWithSecret());

    byte[] blob = raw.getBlobClient(prefix + "p1/payloads/secret.blob").downloadContent().toBytes();

    assertThat(new String(blob, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("DXEB");
    for (byte[] form : encodingsOf(SECRET)) {
      assertThat(contains(blob, form)).isFalse();
    }
    assertThat(blob.length).isGreaterThan(payloadWithSecret().length);
  }

  @Test
  void noFileTheServiceWroteHoldsThePlaintext() throws IOException {
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
  void openCreatesTheContainerWhenItIsMissing() {
    String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
    BlobStore created =
        new AzureBlobStoreProvider()
            .open(server.settings(fresh), LocalKeyProvider.open(data), data);

    created.put("p1/parked/a", utf8("a"));

    assertThat(server.client().getBlobContainerClient(fresh).exists()).isTrue();
    assertThat(created.get("p1/parked/a"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("a")));
  }

  @Test
  void accountNameAndKeyWithTheEndpointWorkLikeAConnectionString() {
    Map<String, String> settings = new HashMap<>();
    settings.put("endpoint", server.endpoint().toString());
    settings.put("accountName", AzuriteServer.ACCOUNT_NAME);
    settings.put("accountKey", AzuriteServer.ACCOUNT_KEY);
    settings.put("container", CONTAINER);
    settings.put("prefix", prefix);
    store.put("p1/parked/a", utf8("a"));

    BlobStore byKey = new AzureBlobStoreProvider().open(settings, keys, data);

    assertThat(byKey.get("p1/parked/a"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("a")));
  }

  @Test
  void listAndDeleteAllPageThroughMoreBlobsThanOneListingHolds() {
    BlobSettings read = new BlobSettings("azure", settings(), AzureSettings.KEYS);
    AzureSettings azure = AzureSettings.read(read);
    read.requireUsable();
    AzureBlobStore paged = AzureBlobStore.open(azure, keys, 7);
    for (int i = 0; i < 40; i++) {
      paged.put("p1/parked/n" + (100 + i), utf8("n" + i));
    }
    paged.put("p2/parked/kept", utf8("other profile"));

    assertThat(paged.list("p1/")).hasSize(40).extracting(StoredBlob::key).isSorted();

    paged.deleteAll("p1/");

    assertThat(paged.list("")).extracting(StoredBlob::key).containsExactly("p2/parked/kept");
    assertThat(storedKeys()).containsExactly("p2/parked/kept");
  }
}
