package io.dataexport.jdbc;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import java.util.List;

/**
 * Problems as they may be shown: the password replaced by {@code ****} wherever a driver or a check
 * repeated it, and URLs redacted ({@link JdbcUrls}), since what a check reports goes into API
 * answers and logs.
 */
final class SafeProblems {
  private SafeProblems() {}

  static List<Problem> of(List<Problem> problems, DestinationConfig config) {
    return problems.stream()
        .map(
            p ->
                new Problem(
                    p.field(),
                    p.field().equals("destination.jdbcUrl")
                        ? JdbcUrls.redact(hideSecret(p.value(), config))
                        : hideSecret(p.value(), config),
                    hideSecret(p.message(), config)))
        .toList();
  }

  private static String hideSecret(String text, DestinationConfig config) {
    if (text == null || config.password() == null || config.password().isEmpty()) {
      return text;
    }
    return text.replace(config.password().reveal(), "****");
  }
}
