package io.dataexport.server.config;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.KeyProviderFactory;
import io.dataexport.api.error.Problem;
import io.dataexport.store.blob.LocalKeyProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code keys.type local} when no installed factory serves it: {@link LocalKeyProvider}, key files
 * under {@code <data>/keys/blob-keys}, which takes no settings. Not registered with {@link
 * java.util.ServiceLoader}: {@link InstalledPlugins} uses it only in place of a missing {@code
 * local} factory.
 */
final class LocalKeysFallback implements KeyProviderFactory {
  @Override
  public String type() {
    return KeysConfig.LOCAL;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    return settings.keySet().stream()
        .map(
            key ->
                new Problem(
                    ConfigKeys.KEYS + key,
                    null,
                    "is not a setting of keys.type local, which keeps the keys under the data"
                        + " directory's keys/blob-keys and takes no settings. Remove it."))
        .toList();
  }

  @Override
  public KeyProvider open(Map<String, String> settings, Path dataDirectory) {
    return LocalKeyProvider.open(dataDirectory);
  }
}
