package io.dataexport.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TyposTest {
  @Test
  void namesUpToTwoEditsApartIgnoringCaseAreLikelyTypos() {
    assertThat(Typos.likely("retryCount", "RETRYCOUNT")).isTrue();
    assertThat(Typos.likely("retryCount", "retryCont")).isTrue();
    assertThat(Typos.likely("store.url", "store.uri")).isTrue();
    assertThat(Typos.likely("entities", "entitys")).isTrue();
    assertThat(Typos.likely("entities", "relationships")).isFalse();
    assertThat(Typos.distance("kitten", "sitting")).isEqualTo(3);
  }
}
