package io.dataexport.bench;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.profile.DestinationConfig;
import java.util.ServiceLoader;

/**
 * Opens destinations the way the service does: the provider of the type, found by ServiceLoader.
 */
public final class Destinations {
  private Destinations() {}

  /** Opens the destination of a configuration; connects on first use. */
  public static Destination open(DestinationConfig config) {
    return ServiceLoader.load(DestinationProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.type().equalsIgnoreCase(config.type()))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no destination provider for " + config.type()))
        .open(config);
  }
}
