package io.dataexport.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.object.ObjectContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The conditional write that re-encryption relies on, against S3Proxy: a replace only lands on the
 * version it read, so a blob written or deleted meanwhile is never overwritten or brought back.
 */
class S3ObjectsTest {
  private static S3ProxyServer server;
  private static S3Client client;
  private static S3Objects objects;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.start();
    server.createBucket("objects");
    Map<String, String> settings = server.settings("objects");
    client = server.client();
    objects =
        new S3Objects(
            client,
            S3Settings.read(new BlobSettings("s3", settings, S3Settings.KEYS)),
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
  void aReplaceAfterADeleteDoesNotBringTheObjectBack() {
    objects.write("c.blob", utf8("first"));
    ObjectContent read = objects.read("c.blob").orElseThrow();
    objects.delete("c.blob");

    assertThat(objects.replace("c.blob", utf8("stale"), read.version())).isFalse();
    assertThat(objects.read("c.blob")).isEmpty();
  }

  @Test
  void deletingObjectsThatAreNotThereIsNoFailure() {
    objects.delete("never-there.blob");
    objects.deleteAll(List.of("never-1.blob", "never-2.blob"));

    assertThat(objects.read("never-1.blob")).isEmpty();
  }
}
