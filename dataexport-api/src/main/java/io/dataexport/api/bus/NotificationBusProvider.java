package io.dataexport.api.bus;

import java.nio.file.Path;

/** Opens buses of one kind; found with {@link java.util.ServiceLoader}. */
public interface NotificationBusProvider {
  /** The kind's name in configuration, e.g. {@code embedded} or {@code kafka}. */
  String name();

  /**
   * Opens (creating if needed) the bus of a profile.
   *
   * @param dataDirectory the service's data directory, for kinds that keep files
   */
  NotificationBus open(String profileId, Path dataDirectory);

  /** Deletes a profile's bus and everything on it. The bus must be closed. */
  void delete(String profileId, Path dataDirectory);
}
