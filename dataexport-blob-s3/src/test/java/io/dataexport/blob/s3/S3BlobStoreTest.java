package io.dataexport.blob.s3;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.object.ObjectBlobStoreKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store against S3Proxy: the compatibility kit for object stores, with raw access to the
 * objects through the SDK. Each test works under its own prefix in one bucket.
 */
class S3BlobStoreTest extends ObjectBlobStoreKit {
  private static final String BUCKET = "blobs-" + UUID.randomUUID().toString().substring(0, 8);

  private static S3ProxyServer server;
  private static S3Client raw;

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

  @Override
  protected BlobStoreProvider provider() {
    return new S3BlobStoreProvider();
  }

  @Override
  protected Map<String, String> serverSettings() {
    return server.settings(BUCKET);
  }

  @Override
  protected BlobStore openWithPageSize(
      Map<String, String> settings, KeyProvider keys, int pageSize) {
    return S3BlobStore.open(
        S3Settings.read(new BlobSettings(S3BlobStoreProvider.TYPE, settings, S3Settings.KEYS)),
        keys,
        pageSize);
  }

  @Override
  protected Optional<byte[]> readObject(String name) {
    try {
      return Optional.of(raw.getObjectAsBytes(r -> r.bucket(BUCKET).key(name)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  protected void writeObject(String name, byte[] content) {
    raw.putObject(r -> r.bucket(BUCKET).key(name), RequestBody.fromBytes(content));
  }

  @Override
  protected List<String> objectNames(String namePrefix) {
    return raw.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(namePrefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  @Override
  protected List<Path> filesAtRest() {
    return server.storedFiles();
  }
}
