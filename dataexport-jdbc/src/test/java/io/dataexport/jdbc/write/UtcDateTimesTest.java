package io.dataexport.jdbc.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcDateTimesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-04-07T21:59:01Z",
        "1753-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2024-02-29T12:00:00Z",
        "2023-04-07T21:59:01.5Z",
        "2023-04-07T21:59:01.123456789Z"
      })
  void readsDataversesFormLikeTheIsoParser(String text) {
    assertThat(UtcDateTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T00:00:00Z",
        "2023-04-07T24:00:00Z",
        "2023-04-07T21:60:01Z",
        "2023-13-07T21:59:01Z",
        "2023-04-07T21:59:01",
        "2023-04-07T21:59:01+02:00",
        "2023-04-07 21:59:01Z",
        "2023-04-07T21:59:01.Z",
        "2023-04-07T21:59:01.1234567890Z",
        "+2023-04-07T21:59:01Z",
        "2023-0a-07T21:59:01Z",
        " 2023-04-07T21:59:01Z"
      })
  void leavesEverythingElseToTheIsoParser(String text) {
    assertThat(UtcDateTimes.parse(text)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-04-07", "1753-01-01", "9999-12-31", "2024-02-29"})
  void readsDateOnlyValuesLikeTheIsoParser(String text) {
    assertThat(UtcDateTimes.parseDate(text)).isEqualTo(LocalDate.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29",
        "2023-13-01",
        "2023-04-7",
        "2023/04/07",
        "2023-04-07Z",
        " 2023-04-07"
      })
  void leavesOtherDatesToTheIsoParser(String text) {
    assertThat(UtcDateTimes.parseDate(text)).isNull();
  }
}
