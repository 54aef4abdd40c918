package io.dataexport.blob.s3;

import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.object.ObjectStorage;
import io.dataexport.store.blob.object.ObjectStorageKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** The object storage kit (conditional writes) for {@link S3Objects}, against S3Proxy. */
class S3ObjectsTest extends ObjectStorageKit {
  private static S3ProxyServer server;
  private static S3Client client;
  private static S3Objects objects;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.start();
    server.createBucket("objects");
    client = server.client();
    objects =
        new S3Objects(
            client,
            S3Settings.read(new BlobSettings("s3", server.settings("objects"), S3Settings.KEYS)),
            S3Objects.MAX_PAGE);
  }

  @AfterAll
  static void stopServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ObjectStorage storage() {
    return objects;
  }
}
