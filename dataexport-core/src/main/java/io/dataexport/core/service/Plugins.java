package io.dataexport.core.service;

import io.dataexport.api.bus.NotificationBusProvider;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.source.ChangeSourceProvider;
import java.util.Collection;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The plugins on the class path, found once with {@link ServiceLoader}: change sources and
 * destinations by type, the notification bus by name. The one place that decides which
 * implementation serves a configuration.
 */
public final class Plugins {
  private final Map<String, ChangeSourceProvider> sources;
  private final Map<String, DestinationProvider> destinations;
  private final ConfiguredBus bus;

  private Plugins(
      Map<String, ChangeSourceProvider> sources,
      Map<String, DestinationProvider> destinations,
      ConfiguredBus bus) {
    this.sources = sources;
    this.destinations = destinations;
    this.bus = bus;
  }

  /**
   * Loads every provider on the class path and picks the bus named {@code busName}, which needs no
   * settings (the embedded bus).
   *
   * @throws ConfigurationException when no bus of that name is installed
   */
  public static Plugins load(String busName) {
    return load(busName, Map.of());
  }

  /**
   * Loads every provider on the class path and picks the bus named {@code busName}, to be used with
   * {@code busSettings} (the {@code bus.*} keys without the prefix).
   *
   * @throws ConfigurationException when no bus of that name is installed
   */
  public static Plugins load(String busName, Map<String, String> busSettings) {
    Map<String, NotificationBusProvider> buses =
        index(NotificationBusProvider.class, NotificationBusProvider::name);
    NotificationBusProvider bus = buses.get(busName);
    if (bus == null) {
      throw new ConfigurationException(
          "No notification bus named '"
              + busName
              + "' is installed; available: "
              + buses.keySet()
              + ".");
    }
    return new Plugins(
        index(ChangeSourceProvider.class, ChangeSourceProvider::type),
        index(DestinationProvider.class, DestinationProvider::type),
        new ConfiguredBus(bus, busSettings));
  }

  public ChangeSourceProvider source(String type) {
    ChangeSourceProvider provider = sources.get(type);
    if (provider == null) {
      throw new ConfigurationException(
          "source.type '" + type + "' is not installed; available: " + sources.keySet() + ".");
    }
    return provider;
  }

  public DestinationProvider destination(String type) {
    DestinationProvider provider = destinations.get(type);
    if (provider == null) {
      throw new ConfigurationException(
          "destination.type '"
              + type
              + "' is not installed; available: "
              + destinations.keySet()
              + ".");
    }
    return provider;
  }

  /** Every installed destination type's provider, in the order of their types. */
  public Collection<DestinationProvider> destinations() {
    return destinations.values();
  }

  public boolean hasDestination(String type) {
    return destinations.containsKey(type);
  }

  /** The configured bus kind with its settings. */
  public ConfiguredBus bus() {
    return bus;
  }

  private static <T> Map<String, T> index(Class<T> type, Function<T, String> key) {
    Map<String, T> found = new TreeMap<>();
    for (T provider : ServiceLoader.load(type)) {
      found.putIfAbsent(key.apply(provider), provider);
    }
    return found;
  }
}
