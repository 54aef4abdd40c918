package io.dataexport.blob.azure;

import com.azure.storage.blob.BlobContainerClient;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.object.ObjectStorage;
import io.dataexport.store.blob.object.ObjectStorageKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The object storage kit (conditional writes) for {@link AzureObjects}, against Azurite. */
class AzureObjectsTest extends ObjectStorageKit {
  private static AzuriteServer server;
  private static AzureObjects objects;

  @BeforeAll
  static void startServer() {
    server = AzuriteServer.start();
    BlobContainerClient container = server.client().getBlobContainerClient("objects");
    container.create();
    objects =
        new AzureObjects(
            container,
            AzureSettings.read(
                new BlobSettings("azure", server.settings("objects"), AzureSettings.KEYS)),
            AzureObjects.MAX_PAGE);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ObjectStorage storage() {
    return objects;
  }
}
