package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.error.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of a cluster given the same {@code keys.type: configured} settings read each other's
 * blobs: node B's blob directory is node A's (a shared volume), and neither keeps a key file.
 */
class SharedKeysAcrossNodesTest {
  @TempDir Path nodeA;
  @TempDir Path nodeB;

  private final String firstKey = ConfiguredKeyProvider.newKeyEntry("key-1");

  @BeforeEach
  void shareTheBlobDirectory() throws IOException {
    Files.createDirectories(nodeA.resolve("blobs"));
    Files.createSymbolicLink(nodeB.resolve("blobs"), nodeA.resolve("blobs"));
  }

  private static BlobStore node(Path data, String primaryId, String keys) {
    Map<String, String> settings = Map.of("primaryId", primaryId, "keys", keys);
    return LocalBlobStore.open(data, new ConfiguredKeyProviderFactory().open(settings, data));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBlobWrittenOnOneNodeReadsOnAnotherWithItsOwnProviderOfTheSameConfiguration() {
    node(nodeA, "key-1", firstKey).put("p1/parked/account/r1", utf8("parked on A"));

    BlobStore onB = node(nodeB, "key-1", firstKey);

    assertThat(onB.get("p1/parked/account/r1"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("parked on A")));
    assertThat(nodeA.resolve("keys")).doesNotExist();
    assertThat(nodeB.resolve("keys")).doesNotExist();
  }

  @Test
  void aRotationGivesEveryNodeTheNewKeyBeforeAnyNodeWritesUnderIt() {
    String bothKeys = firstKey + "," + ConfiguredKeyProvider.newKeyEntry("key-2");
    node(nodeA, "key-1", firstKey).put("p1/parked/account/old", utf8("old"));

    // Step 1: every node gets the new key while key-1 stays the primary.
    BlobStore onB = node(nodeB, "key-1", bothKeys);
    // Step 2: the primary changes; a node still without key-2 could not read what A writes now.
    BlobStore onA = node(nodeA, "key-2", bothKeys);
    onA.put("p1/parked/account/new", utf8("new"));

    assertThat(onB.get("p1/parked/account/new"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("new")));
    assertThatThrownBy(() -> node(nodeB, "key-1", firstKey).get("p1/parked/account/new"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'key-2' is not configured");
    // Step 3: re-encryption moves the old blob to key-2, after which key-1 may go.
    assertThat(onA.reencrypt()).isEqualTo(1);
    String onlyNewKey = bothKeys.substring(firstKey.length() + 1);
    assertThat(node(nodeB, "key-2", onlyNewKey).get("p1/parked/account/old"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("old")));
  }
}
