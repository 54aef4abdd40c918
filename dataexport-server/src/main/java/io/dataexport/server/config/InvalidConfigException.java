package io.dataexport.server.config;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used: every problem found, each naming the key, the value (never a
 * secret's) and what to do. Thrown before anything is opened.
 */
public final class InvalidConfigException extends ConfigurationException {
  private final List<Problem> problems;

  public InvalidConfigException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found: the file's, then each section's, then the plugins'. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    return (problems.size() == 1
            ? "The configuration has 1 problem:"
            : "The configuration has " + problems.size() + " problems:")
        + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
  }
}
