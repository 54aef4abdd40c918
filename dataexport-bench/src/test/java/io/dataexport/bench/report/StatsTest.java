package io.dataexport.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void theMedianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwo() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }

  @Test
  void percentilesAreNearestRank() {
    double[] sorted = Stats.sorted(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    assertThat(Stats.percentile(sorted, 50)).isEqualTo(5.0);
    assertThat(Stats.percentile(sorted, 99)).isEqualTo(10.0);
    assertThat(Stats.percentile(sorted, 10)).isEqualTo(1.0);
  }

  @Test
  void aFigureMeetsItsTargetByItsMedian() {
    assertThat(Figure.atLeast("ratio", "%", List.of(80.0, 90.0, 86.0), 85).met()).isTrue();
    assertThat(Figure.atMost("p99", "ms", List.of(2500.0, 1000.0, 2100.0), 2000).met()).isFalse();
  }
}
