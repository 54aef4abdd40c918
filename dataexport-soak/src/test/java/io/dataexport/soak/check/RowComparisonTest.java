package io.dataexport.soak.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowComparisonTest {
  private static final EntityColumns COLUMNS =
      new EntityColumns(null, List.of("name", "versionnumber"));

  @Test
  void equalTablesPass() {
    Map<String, List<String>> rows = Map.of("a", List.of("Ødegaard", "7"));

    EntityComparison comparison = RowComparison.compare("account", COLUMNS, rows, Map.copyOf(rows));

    assertThat(comparison.equal()).isTrue();
    assertThat(comparison.compared()).isEqualTo(1);
  }

  @Test
  void extraMissingAndDifferingRowsAreCountedWithExamples() {
    Map<String, List<String>> source =
        Map.of("kept", List.of("x", "7"), "changed", List.of("y", "9"), "lost", List.of("z", "3"));
    Map<String, List<String>> destination =
        Map.of(
            "kept", List.of("x", "7"),
            "changed", List.of("y", "8"),
            "deleted", List.of("w", "2"));

    EntityComparison comparison = RowComparison.compare("lead", COLUMNS, source, destination);

    assertThat(comparison.equal()).isFalse();
    assertThat(comparison.extra()).isEqualTo(1);
    assertThat(comparison.missing()).isEqualTo(1);
    assertThat(comparison.differing()).isEqualTo(1);
    assertThat(comparison.compared()).isEqualTo(4);
    assertThat(comparison.examples())
        .containsExactly(
            "extra deleted",
            "missing lost",
            "differing changed (versionnumber: source 9, destination 8)");
  }

  @Test
  void valuesFromTheStoreAndFromTheDriverMeetInOneNormalForm() {
    assertThat(NormalForm.of(new java.math.BigDecimal("12.500"))).isEqualTo("12.5");
    assertThat(NormalForm.of(12.5d)).isEqualTo("12.5");
    assertThat(NormalForm.of(7L)).isEqualTo(NormalForm.of(7));
    assertThat(
            NormalForm.of(java.sql.Timestamp.from(java.time.Instant.parse("2023-04-07T21:59:01Z"))))
        .isEqualTo(NormalForm.of(java.time.Instant.parse("2023-04-07T21:59:01Z")));
    assertThat(NormalForm.of(java.sql.Date.valueOf("2023-04-07")))
        .isEqualTo(NormalForm.of(java.time.LocalDate.of(2023, 4, 7)));
    assertThat(NormalForm.of(List.of(1, 3))).isEqualTo("1,3");
  }
}
