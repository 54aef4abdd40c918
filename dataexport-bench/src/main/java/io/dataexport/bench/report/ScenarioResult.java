package io.dataexport.bench.report;

import java.util.List;
import java.util.Map;

/**
 * What one scenario measured.
 *
 * @param scenario its name, e.g. {@code writer-postgresql}
 * @param description what was measured, in one line (sizes, settings)
 * @param figures the reported figures, medians over runs
 * @param notes anything a reader of the figures must know (noise, errors, kept up or not)
 * @param details raw per-run data for the JSON results
 */
public record ScenarioResult(
    String scenario,
    String description,
    List<Figure> figures,
    List<String> notes,
    Map<String, Object> details) {

  public ScenarioResult {
    figures = List.copyOf(figures);
    notes = List.copyOf(notes);
    details = Map.copyOf(details);
  }

  /** A scenario that could not run, with the reason. */
  public static ScenarioResult failed(String scenario, String description, Exception error) {
    return new ScenarioResult(
        scenario,
        description,
        List.of(),
        List.of("FAILED: " + error.getClass().getSimpleName() + ": " + error.getMessage()),
        Map.of());
  }
}
