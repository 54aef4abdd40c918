package io.dataexport.store.blob.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStorage} must do beyond plain reads and writes: the conditional write
 * that re-encryption relies on, so that a replace only lands on the version it read and a blob
 * written or deleted meanwhile is never overwritten or brought back. A service's module passes by
 * extending this class with its storage on a real server. Published in dataexport-store's test-jar,
 * next to the {@code BlobStoreCompatibilityKit} the stores built on it pass too.
 */
public abstract class ObjectStorageKit {
  private ObjectStorage objects;

  /**
   * The storage under test, on a bucket or container the tests may write to; the same one may be
   * given to every test, since each works on names of its own.
   */
  protected abstract ObjectStorage storage();

  @BeforeEach
  void openStorage() {
    objects = storage();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String content(String name) {
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
