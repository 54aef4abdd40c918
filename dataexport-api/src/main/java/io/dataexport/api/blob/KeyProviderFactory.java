package io.dataexport.api.blob;

import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens key providers of one type ({@code keys.type}, e.g. {@code local}); found with {@link
 * java.util.ServiceLoader}. Settings are the configuration keys under {@code keys.} without that
 * prefix, as text.
 */
public interface KeyProviderFactory {
  /** The {@code keys.type} served. */
  String type();

  /**
   * Checks settings without opening anything: every problem, each naming the key (with its {@code
   * keys.} prefix), the value (never key material) and what to do. Empty when they can be used.
   */
  List<Problem> check(Map<String, String> settings);

  /**
   * Opens the provider.
   *
   * @param dataDirectory the node's data directory, for types that keep files
   * @throws io.dataexport.api.error.ConfigurationException when the settings cannot work
   */
  KeyProvider open(Map<String, String> settings, Path dataDirectory);
}
