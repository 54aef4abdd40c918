package io.dataexport.store.blob;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the key provider factories share about their {@code keys.*} settings: a setting the type
 * does not read is a problem (a misspelled setting is refused rather than silently ignored; {@code
 * type} itself is always allowed), and problems are refused together in one exception.
 */
final class KeySettings {
  private KeySettings() {}

  /** The exception for settings that cannot work, naming every problem. */
  static ConfigurationException refused(String type, List<Problem> problems) {
    return new ConfigurationException(
        "The blob keys (keys.type: "
            + type
            + ") cannot be used: "
            + problems.stream().map(Problem::toString).collect(Collectors.joining(" ")));
  }

  /**
   * One problem per setting the type does not read. The value is never shown: a setting meant for
   * another type may hold key material.
   */
  static List<Problem> unknown(Map<String, String> settings, String type, Set<String> known) {
    List<Problem> problems = new ArrayList<>();
    for (String name : new TreeSet<>(settings.keySet())) {
      if (!name.equals("type") && !known.contains(name)) {
        problems.add(
            new Problem(
                "keys." + name,
                null,
                "is not a setting of keys.type "
                    + type
                    + ", which reads "
                    + known.stream()
                        .sorted()
                        .map(k -> "keys." + k)
                        .collect(Collectors.joining(", "))
                    + ". Remove it, or correct its name."));
      }
    }
    return problems;
  }
}
