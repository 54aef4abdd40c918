package io.dataexport.store.blob.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.Problem;
import io.dataexport.store.blob.BlobSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectNamesTest {
  private static BlobSettings settings(String prefix) {
    return new BlobSettings("s3", Map.of("prefix", prefix), Set.of("prefix"));
  }

  @Test
  void aKeyIsStoredUnderThePrefixWithTheBlobSuffixAndReadBack() {
    for (String prefix : List.of("blue", "blue/")) {
      ObjectNames names = ObjectNames.read(settings(prefix));

      assertThat(names.nameOf("p1/parked/n1")).isEqualTo("blue/p1/parked/n1.blob");
      assertThat(names.namePrefixOf("p1/")).isEqualTo("blue/p1/");
      assertThat(names.keyOf("blue/p1/parked/n1.blob")).hasValue("p1/parked/n1");
    }
    assertThat(ObjectNames.unprefixed().nameOf("p1/a")).isEqualTo("p1/a.blob");
  }

  @Test
  void objectsThatAreNotBlobsHaveNoKey() {
    ObjectNames names = ObjectNames.read(settings("a/b"));

    assertThat(names.keyOf("a/b/p1/x.txt")).isEmpty();
    assertThat(names.keyOf("other/p1/x.blob")).isEmpty();
    assertThat(names.keyOf("a/b/p1//x.blob")).isEmpty();
    assertThat(names.keyOf("a/b/.blob")).isEmpty();
  }

  @Test
  void aPrefixThatCannotNameObjectsSafelyIsAProblemNamingTheSetting() {
    for (String prefix : List.of("/abs", "a//b", "../up", "a b", "a/./b", "//", "x".repeat(300))) {
      BlobSettings settings = settings(prefix);

      assertThat(ObjectNames.read(settings).prefix()).as(prefix).isEmpty();
      assertThat(settings.problems())
          .as(prefix)
          .singleElement()
          .extracting(Problem::field)
          .isEqualTo("blobs.prefix");
    }
  }

  @Test
  void aKeyWhoseObjectNameWouldBeTooLongIsRefused() {
    ObjectNames names = ObjectNames.read(settings("deployment"));
    String key =
        "p1/"
            + "a".repeat(200)
            + "/"
            + "b".repeat(200)
            + "/"
            + "c".repeat(200)
            + "/"
            + "d".repeat(200)
            + "/"
            + "e".repeat(200)
            + "/ff";

    assertThatThrownBy(() -> names.nameOf(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024");
  }
}
