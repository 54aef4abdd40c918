package io.dataexport.bench.report;

import java.util.List;

/**
 * One reported figure: the median over runs of one measured quantity, with each run's value.
 *
 * @param name what it is, e.g. {@code writer, empty table}
 * @param unit e.g. {@code rows/s}, {@code ms}, {@code %}
 * @param median the median of {@code runs}
 * @param runs the value of each run, in run order
 * @param target the goal it is held against, e.g. {@code >= 85%}, or null when it has none
 * @param met whether the median meets the target; null without a target
 */
public record Figure(
    String name, String unit, double median, List<Double> runs, String target, Boolean met) {

  public Figure {
    runs = List.copyOf(runs);
  }

  /** The same figure under another name. */
  public Figure named(String other) {
    return new Figure(other, unit, median, runs, target, met);
  }

  /** A figure without target: the median of the runs' values. */
  public static Figure of(String name, String unit, List<Double> runs) {
    return new Figure(name, unit, Stats.median(runs), runs, null, null);
  }

  /** A figure whose median must be at least {@code goal}. */
  public static Figure atLeast(String name, String unit, List<Double> runs, double goal) {
    double median = Stats.median(runs);
    return new Figure(
        name, unit, median, runs, ">= " + ResultTable.format(goal, unit), median >= goal);
  }

  /** A figure whose median must be at most {@code goal}. */
  public static Figure atMost(String name, String unit, List<Double> runs, double goal) {
    double median = Stats.median(runs);
    return new Figure(
        name, unit, median, runs, "<= " + ResultTable.format(goal, unit), median <= goal);
  }
}
