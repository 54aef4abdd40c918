package io.dataexport.server.config;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.Secret;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed reads of the merged configuration values that collect every problem instead of stopping at
 * the first, so the operator fixes them all in one go. Each problem names the key, the value (never
 * a secret's) and where it was set.
 */
final class ConfigReader {
  private final Map<String, ConfigValue> values;
  private final List<Problem> problems;

  ConfigReader(Map<String, ConfigValue> values, List<Problem> problems) {
    this.values = values;
    this.problems = problems;
  }

  /** A text value, trimmed; the fallback when unset, and when empty (reported). */
  String text(String key, String fallback) {
    return optionalText(key).orElse(fallback);
  }

  /** A text value, trimmed; empty when unset, and when blank (reported). */
  Optional<String> optionalText(String key) {
    ConfigValue value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = value.text().strip();
    if (text.isEmpty()) {
      problem(key, "is empty. Give a value or leave the key out for the default.");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** A secret, as given (never trimmed, never shown); empty when unset or empty. */
  Optional<Secret> secret(String key) {
    ConfigValue value = value(key);
    return value == null || value.text().isEmpty()
        ? Optional.empty()
        : Optional.of(Secret.of(value.text()));
  }

  /** A whole number from min to max; the fallback when unset or wrong (reported). */
  int integer(String key, int min, int max, int fallback) {
    Optional<String> text = optionalText(key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(text.get());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the range
    }
    problem(
        key,
        "must be a whole number from "
            + min
            + " to "
            + max
            + "; leave it out for "
            + fallback
            + ".");
    return fallback;
  }

  /** true or false; the fallback when unset or anything else (reported). */
  boolean bool(String key, boolean fallback) {
    Optional<String> text = optionalText(key);
    if (text.isEmpty()) {
      return fallback;
    }
    if (text.get().equals("true") || text.get().equals("false")) {
      return Boolean.parseBoolean(text.get());
    }
    problem(key, "must be true or false; leave it out for " + fallback + ".");
    return fallback;
  }

  /** A file system path; the fallback when unset or not a path (reported). */
  Path path(String key, Path fallback) {
    Optional<String> text = optionalText(key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Path.of(text.get());
    } catch (InvalidPathException e) {
      problem(key, "is not a valid path (" + e.getReason() + "). Give a directory path.");
      return fallback;
    }
  }

  /**
   * The values under an open section (e.g. {@code blobs.}), keyed without that prefix, sorted;
   * {@code except} are keys of the section that the service reads itself (e.g. {@code blobs.type}).
   */
  Map<String, String> section(String prefix, String... except) {
    Map<String, String> settings = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : values.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(prefix) && !List.of(except).contains(key)) {
        settings.put(key.substring(prefix.length()), entry.getValue().text());
      }
    }
    return settings;
  }

  /** Reports a problem with a key's value, naming the value (unless secret) and its origin. */
  void problem(String key, String message) {
    ConfigValue value = values.get(key);
    String origin = value == null ? "" : " (set by " + value.origin() + ")";
    problems.add(
        new Problem(
            key, value == null ? null : ConfigKeys.printable(key, value.text()), message + origin));
  }

  /** Whether a problem with {@code key} is reported already (a plugin may check it again). */
  boolean reported(String key) {
    return problems.stream().anyMatch(problem -> problem.field().equals(key));
  }

  /** Adds a plugin's problem, without its value when the key holds a secret. */
  void add(Problem problem) {
    problems.add(
        ConfigKeys.isSecret(problem.field())
            ? new Problem(problem.field(), null, problem.message())
            : problem);
  }

  /** Reports every key that is neither a fixed key nor under an open section. */
  void reportUnknownKeys() {
    for (Map.Entry<String, ConfigValue> entry : values.entrySet()) {
      String key = entry.getKey();
      if (!ConfigKeys.isFixed(key) && !ConfigKeys.isOpen(key)) {
        String suggestion = ConfigKeys.suggestion(key);
        problems.add(
            new Problem(
                key,
                null,
                "is not a configuration key (set by "
                    + entry.getValue().origin()
                    + ")."
                    + (suggestion.isEmpty()
                        ? " Known keys: "
                            + String.join(", ", ConfigKeys.FIXED)
                            + "; and any key under bus.properties, blobs and keys."
                        : suggestion)));
      }
    }
  }

  private ConfigValue value(String key) {
    return values.get(key);
  }
}
