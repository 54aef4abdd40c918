package io.dataexport.core.profile;

import io.dataexport.api.error.Problem;
import java.util.List;

/** A profile document with problems; carries every problem found, not just the first. */
public final class ProfileValidationException extends RuntimeException {
  private final List<Problem> problems;

  public ProfileValidationException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    return "The profile has "
        + problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + ": "
        + String.join("; ", problems.stream().map(Problem::toString).toList());
  }
}
