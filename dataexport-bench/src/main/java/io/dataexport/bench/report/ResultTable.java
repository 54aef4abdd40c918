package io.dataexport.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints results as a Markdown table, the form {@code bench/README.md} quotes. */
public final class ResultTable {
  private static final List<String> HEADER =
      List.of("scenario", "figure", "median", "runs", "target", "met");

  private ResultTable() {}

  /** Prints the table of every figure, then each scenario's notes. */
  public static void print(List<ScenarioResult> results, PrintStream out) {
    List<List<String>> rows = new ArrayList<>();
    for (ScenarioResult result : results) {
      for (Figure figure : result.figures()) {
        rows.add(
            List.of(
                result.scenario(),
                figure.name(),
                format(figure.median(), figure.unit()),
                figure.runs().stream()
                    .map(v -> format(v, figure.unit()))
                    .collect(Collectors.joining(" · ")),
                figure.target() == null ? "" : figure.target(),
                figure.met() == null ? "" : figure.met() ? "yes" : "**no**"));
      }
    }
    out.println(line(HEADER));
    out.println(line(HEADER.stream().map(h -> "---").toList()));
    rows.forEach(r -> out.println(line(r)));
    out.println();
    for (ScenarioResult result : results) {
      out.println("- " + result.scenario() + ": " + result.description());
      result.notes().forEach(n -> out.println("  - " + n));
    }
  }

  /** A value with its unit, rounded for reading: {@code 81,234 rows/s}, {@code 87.1 %}. */
  public static String format(double value, String unit) {
    String number =
        switch (unit) {
          case "%" -> String.format(Locale.ROOT, "%.1f", value);
          case "rows/s", "changes/s", "ms", "changes", "rows", "MiB" ->
              Math.abs(value) >= 1000
                  ? String.format(Locale.ROOT, "%,.0f", value)
                  : String.format(Locale.ROOT, "%.0f", value);
          default -> String.format(Locale.ROOT, "%.2f", value);
        };
    return number + " " + unit;
  }

  private static String line(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |";
  }
}
