package io.dataexport.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.object.ObjectContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conditional write that re-encryption relies on, against Azurite: a replace only lands on the
 * version it read, so a blob written or deleted meanwhile is never overwritten or brought back.
 */
class AzureObjectsTest {
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

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String content(String name) {
    return new String(objects.read(name).orElseThrow().bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aReplaceLandsOnTheVersionItRead() {
    objects.write("a.blob", utf8("first"));
    ObjectContent read = objects.read("a.blob").orElseThrow();

    assertThat(objects.replace("a.blob", utf8("resealed"), read.version())).isTrue();
    assertThat(content("a.blob")).isEqualTo("resealed");
  }

  @Test
  void aReplaceAfterAnotherWriteChangesNothing() {
    objects.write("b.blob", utf8("first"));
    ObjectContent read = objects.read("b.blob").orElseThrow();
    objects.write("b.blob", utf8("written meanwhile"));

    assertThat(objects.replace("b.blob", utf8("stale"), read.version())).isFalse();
    assertThat(content("b.blob")).isEqualTo("written meanwhile");
  }

  @Test
  void aReplaceAfterADeleteDoesNotBringTheBlobBack() {
    objects.write("c.blob", utf8("first"));
    ObjectContent read = objects.read("c.blob").orElseThrow();
    objects.delete("c.blob");

    assertThat(objects.replace("c.blob", utf8("stale"), read.version())).isFalse();
    assertThat(objects.read("c.blob")).isEmpty();
  }

  @Test
  void deletingBlobsThatAreNotThereIsNoFailure() {
    objects.delete("never-there.blob");
    objects.deleteAll(List.of("never-1.blob", "never-2.blob"));

    assertThat(objects.read("never-1.blob")).isEmpty();
  }
}
