package io.dataexport.server.config;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.KeyProviderFactory;
import io.dataexport.api.bus.NotificationBusProvider;
import io.dataexport.api.error.ConfigurationException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The buses, blob store providers and key provider factories on the class path, found with {@link
 * ServiceLoader} (buses the way {@link io.dataexport.core.service.Plugins} finds them): what {@code
 * bus.type}, {@code blobs.type} and {@code keys.type} may name, the checks of their settings, and
 * the one place that opens the configured blob store. {@code local} blobs and keys are always
 * there: when no installed provider serves them, the service's local files do.
 */
public final class InstalledPlugins {
  private final Map<String, NotificationBusProvider> buses;
  private final Map<String, BlobStoreProvider> blobStores;
  private final Map<String, KeyProviderFactory> keyProviders;

  InstalledPlugins(
      Map<String, NotificationBusProvider> buses,
      Map<String, BlobStoreProvider> blobStores,
      Map<String, KeyProviderFactory> keyProviders) {
    this.buses = new TreeMap<>(buses);
    this.blobStores = new TreeMap<>(blobStores);
    this.keyProviders = new TreeMap<>(keyProviders);
  }

  /** Everything installed on the class path. */
  public static InstalledPlugins onClassPath() {
    return new InstalledPlugins(
        index(NotificationBusProvider.class, NotificationBusProvider::name),
        index(BlobStoreProvider.class, BlobStoreProvider::type),
        index(KeyProviderFactory.class, KeyProviderFactory::type));
  }

  /**
   * Opens the configured key provider.
   *
   * @throws ConfigurationException when its settings cannot work
   */
  public KeyProvider openKeyProvider(ServiceConfig config) {
    return installed(keyProviders, config.keys().type(), ConfigKeys.KEYS_TYPE)
        .open(config.keys().settings().values(), config.data());
  }

  /**
   * Opens the configured blob store over the given keys.
   *
   * @throws ConfigurationException when its settings cannot work
   */
  public BlobStore openBlobStore(ServiceConfig config, KeyProvider keys) {
    return installed(blobStores, config.blobs().type(), ConfigKeys.BLOBS_TYPE)
        .open(config.blobs().settings().values(), keys, config.data());
  }

  /** Reports types that are not installed and whatever their providers find in the settings. */
  void check(ServiceConfig config, ConfigReader reader) {
    NotificationBusProvider bus = buses.get(config.bus().type());
    if (bus == null) {
      notInstalled(reader, ConfigKeys.BUS_TYPE, buses.keySet());
    } else {
      // the bus's own checks repeat the common bus.* ones BusConfig made: each key once
      bus.check(config.bus().settings()).stream()
          .filter(problem -> !reader.reported(problem.field()))
          .forEach(reader::add);
    }
    BlobStoreProvider blobs = blobStores.get(config.blobs().type());
    if (blobs == null) {
      notInstalled(reader, ConfigKeys.BLOBS_TYPE, blobStores.keySet());
    } else {
      blobs.check(config.blobs().settings().values()).forEach(reader::add);
    }
    KeyProviderFactory keys = keyProviders.get(config.keys().type());
    if (keys == null) {
      notInstalled(reader, ConfigKeys.KEYS_TYPE, keyProviders.keySet());
    } else {
      keys.check(config.keys().settings().values()).forEach(reader::add);
    }
  }

  private static void notInstalled(ConfigReader reader, String key, Set<String> installed) {
    reader.problem(
        key,
        "is not installed yet; installed: "
            + String.join(", ", new TreeSet<>(installed))
            + ". Use one of those, or add the module that provides it to the service.");
  }

  private static <T> T installed(Map<String, T> providers, String type, String key) {
    T provider = providers.get(type);
    if (provider == null) {
      throw new ConfigurationException(
          key + " '" + type + "' is not installed; installed: " + providers.keySet() + ".");
    }
    return provider;
  }

  private static <T> Map<String, T> index(Class<T> type, Function<T, String> name) {
    Map<String, T> found = new TreeMap<>();
    for (T provider : ServiceLoader.load(type)) {
      found.putIfAbsent(name.apply(provider), provider);
    }
    return found;
  }
}
