package io.dataexport.core.service;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.bus.NotificationBusProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configured bus kind with its {@code bus.*} settings, so that the service opens and deletes
 * profiles' buses by profile id alone. Its {@link #toString()} names the kind only: the settings
 * may hold client secrets (SASL passwords, connection strings).
 */
public final class ConfiguredBus {
  private final NotificationBusProvider provider;
  private final Map<String, String> settings;

  /**
   * @param provider the bus kind
   * @param settings the {@code bus.*} settings, keyed without the prefix
   */
  public ConfiguredBus(NotificationBusProvider provider, Map<String, String> settings) {
    this.provider = provider;
    this.settings = Map.copyOf(settings);
  }

  /** The kind's name, e.g. {@code embedded} or {@code kafka}. */
  public String name() {
    return provider.name();
  }

  /** Opens (creating if needed) the bus of a profile; see {@link NotificationBusProvider#open}. */
  public NotificationBus open(String profileId, Path dataDirectory) {
    return provider.open(profileId, settings, dataDirectory);
  }

  /** Deletes a closed profile's bus; see {@link NotificationBusProvider#delete}. */
  public void delete(String profileId, Path dataDirectory) {
    provider.delete(profileId, settings, dataDirectory);
  }

  @Override
  public String toString() {
    return "bus " + provider.name();
  }
}
