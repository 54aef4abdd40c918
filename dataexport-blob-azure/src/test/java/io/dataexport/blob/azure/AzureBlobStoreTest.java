package io.dataexport.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.LocalKeyProvider;
import io.dataexport.store.blob.object.ObjectBlobStoreKit;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Azure store against Azurite: the compatibility kit for object stores, with raw access to the
 * blobs through the SDK, plus what is particular to Azure. Each test works under its own prefix in
 * one container.
 */
class AzureBlobStoreTest extends ObjectBlobStoreKit {
  private static final String CONTAINER = "blobs-" + UUID.randomUUID().toString().substring(0, 8);

  private static AzuriteServer server;
  private static BlobContainerClient raw;

  @BeforeAll
  static void startServer() {
    server = AzuriteServer.start();
    raw = server.client().getBlobContainerClient(CONTAINER);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected BlobStoreProvider provider() {
    return new AzureBlobStoreProvider();
  }

  @Override
  protected Map<String, String> serverSettings() {
    return server.settings(CONTAINER);
  }

  @Override
  protected BlobStore openWithPageSize(
      Map<String, String> settings, KeyProvider keys, int pageSize) {
    return AzureBlobStore.open(
        AzureSettings.read(
            new BlobSettings(AzureBlobStoreProvider.TYPE, settings, AzureSettings.KEYS)),
        keys,
        pageSize);
  }

  @Override
  protected Optional<byte[]> readObject(String name) {
    try {
      return Optional.of(raw.getBlobClient(name).downloadContent().toBytes());
    } catch (BlobStorageException e) {
      if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  protected void writeObject(String name, byte[] content) {
    raw.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
  }

  @Override
  protected List<String> objectNames(String namePrefix) {
    return raw.listBlobs(new ListBlobsOptions().setPrefix(namePrefix), null).stream()
        .map(BlobItem::getName)
        .toList();
  }

  @Override
  protected List<Path> filesAtRest() {
    return server.storedFiles();
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
}
