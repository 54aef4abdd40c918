package io.dataexport.api.bus;

import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens buses of one kind ({@code bus.type}: {@code embedded}, {@code kafka}); found with {@link
 * java.util.ServiceLoader}.
 *
 * <p>Settings are the configuration keys under {@code bus.} without that prefix, as text: {@code
 * bootstrapServers}, {@code topicPrefix}, {@code partitions}, {@code replicationFactor} and {@code
 * properties.<client key>}. Kinds that need none (the embedded bus) ignore them.
 */
public interface NotificationBusProvider {
  /** The kind's name in configuration, e.g. {@code embedded} or {@code kafka}. */
  String name();

  /**
   * Checks settings without connecting: every problem, each naming the key (with its {@code bus.}
   * prefix), the value (never a secret) and what to do. Empty when they can be used.
   */
  default List<Problem> check(Map<String, String> settings) {
    return List.of();
  }

  /**
   * Opens (creating if needed) the bus of a profile.
   *
   * @param settings the {@code bus.*} settings, keyed without the prefix
   * @param dataDirectory the service's data directory, for kinds that keep files
   */
  NotificationBus open(String profileId, Map<String, String> settings, Path dataDirectory);

  /**
   * Deletes a profile's bus and everything on it. The bus must be closed. Deleting a bus that does
   * not exist does nothing.
   *
   * @param settings the {@code bus.*} settings, keyed without the prefix
   */
  void delete(String profileId, Map<String, String> settings, Path dataDirectory);
}
