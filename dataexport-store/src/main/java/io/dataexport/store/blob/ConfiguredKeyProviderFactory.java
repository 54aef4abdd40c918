package io.dataexport.store.blob;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.KeyProviderFactory;
import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code keys.type: configured}: {@link ConfiguredKeyProvider} with {@code keys.primaryId} and
 * {@code keys.keys}, the same on every node. Found with {@link java.util.ServiceLoader}.
 */
public final class ConfiguredKeyProviderFactory implements KeyProviderFactory {
  /** The {@code keys.type} of this provider. */
  public static final String TYPE = "configured";

  static final String PRIMARY_ID = "primaryId";
  static final String KEYS = "keys";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    List<Problem> problems =
        new ArrayList<>(KeySettings.unknown(settings, TYPE, Set.of(PRIMARY_ID, KEYS)));
    problems.addAll(ConfiguredKeyProvider.check(settings.get(PRIMARY_ID), settings.get(KEYS)));
    return problems;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Keeps nothing on the node, so {@code dataDirectory} is not used.
   */
  @Override
  public KeyProvider open(Map<String, String> settings, Path dataDirectory) {
    List<Problem> problems = check(settings);
    if (!problems.isEmpty()) {
      throw KeySettings.refused(TYPE, problems);
    }
    return ConfiguredKeyProvider.open(settings.get(PRIMARY_ID), settings.get(KEYS));
  }
}
