package io.dataexport.server.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The settings of an open section (a plugin's {@code blobs.*} or {@code keys.*}, the Kafka clients'
 * {@code bus.properties.*}), keyed without the section's prefix. Prints secret values as {@code
 * ****}, so a log line or exception that shows a configuration leaks nothing.
 *
 * @param values the settings as text, sorted by key; unmodifiable
 */
public record ProviderSettings(Map<String, String> values) {
  public ProviderSettings {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  @Override
  public String toString() {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + (ConfigKeys.isSecret(e.getKey()) ? "****" : e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
