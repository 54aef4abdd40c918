package io.dataexport.bench.report;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of measured values: medians of repeated runs, latency percentiles. */
public final class Stats {
  private Stats() {}

  /** The median; the mean of the two middle values for an even count. */
  public static double median(Collection<Double> values) {
    double[] sorted = sorted(values);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * The nearest-rank percentile of sorted values.
   *
   * @param sorted ascending values, at least one
   * @param percent 0 to 100
   */
  public static double percentile(double[] sorted, double percent) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }

  /** The values, ascending. */
  public static double[] sorted(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }
}
