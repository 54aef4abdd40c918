package io.dataexport.server.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Configuration keys from environment variables: {@code DATAEXPORT_} + the key in upper snake case.
 *
 * <ul>
 *   <li>a fixed key: {@code DATAEXPORT_STORE_ENCRYPTION_KEY} → {@code store.encryptionKey};
 *   <li>Kafka client settings, lower case with dots: {@code
 *       DATAEXPORT_BUS_PROPERTIES_SASL_MECHANISM} → {@code bus.properties.sasl.mechanism};
 *   <li>plugin settings, in lowerCamelCase: {@code DATAEXPORT_BLOBS_ACCESS_KEY} → {@code
 *       blobs.accessKey}, {@code DATAEXPORT_KEYS_PRIMARY_ID} → {@code keys.primaryId};
 *   <li>any other variable of a section ({@code DATAEXPORT_API_…}, {@code NODE}, {@code STORE},
 *       {@code BUS}) becomes a key in lowerCamelCase the same way, and is reported as unknown.
 * </ul>
 *
 * Variables whose first word is not a section ({@code DATAEXPORT_LOG_FORMAT}, {@code
 * DATAEXPORT_TOKEN}, …) are other settings of the command line, not configuration keys. An empty
 * variable counts as unset.
 */
final class EnvironmentVariables {
  private EnvironmentVariables() {}

  /** The keys the environment sets, in the order of their variables' names. */
  static Map<String, ConfigValue> read(Map<String, String> environment) {
    Map<String, ConfigValue> values = new LinkedHashMap<>();
    new TreeMap<>(environment)
        .forEach(
            (variable, value) -> {
              if (value != null && !value.isEmpty()) {
                keyOf(variable).ifPresent(key -> values.put(key, new ConfigValue(value, variable)));
              }
            });
    return values;
  }

  /** The key a variable sets; empty when it is not a configuration variable. */
  static Optional<String> keyOf(String variable) {
    if (!variable.startsWith(ConfigKeys.ENVIRONMENT_PREFIX)) {
      return Optional.empty();
    }
    Optional<String> fixed = ConfigKeys.fixedKeyOf(variable);
    if (fixed.isPresent()) {
      return fixed;
    }
    String[] words =
        variable
            .substring(ConfigKeys.ENVIRONMENT_PREFIX.length())
            .toLowerCase(Locale.ROOT)
            .split("_");
    if (words.length < 2 || Arrays.stream(words).anyMatch(String::isEmpty)) {
      return Optional.empty();
    }
    String[] rest = Arrays.copyOfRange(words, 1, words.length);
    if (words[0].equals("bus") && words[1].equals("properties") && words.length > 2) {
      return Optional.of(
          ConfigKeys.BUS_PROPERTIES + String.join(".", Arrays.copyOfRange(words, 2, words.length)));
    }
    if (ConfigKeys.SECTIONS.contains(words[0])) {
      return Optional.of(words[0] + "." + lowerCamelCase(rest));
    }
    return Optional.empty();
  }

  private static String lowerCamelCase(String[] words) {
    return words[0]
        + Arrays.stream(words, 1, words.length)
            .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
            .collect(Collectors.joining());
  }
}
