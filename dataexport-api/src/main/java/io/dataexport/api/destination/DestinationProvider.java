package io.dataexport.api.destination;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One destination type, found with {@link java.util.ServiceLoader}: its name, its default and
 * example configurations, its rules, and how to open it. The only place that knows a type: profile
 * documents, validation, messages and help all ask the installed providers, so adding a type adds a
 * provider and changes nothing else.
 */
public interface DestinationProvider {
  /** The {@code destination.type} served, lower case, e.g. {@code sqlite}. */
  String type();

  /**
   * The configuration a profile gets when it gives no destination settings of its own: a type that
   * can work without any (an SQLite file under the data directory) offers one; a type that needs a
   * server to be named does not. When exactly one installed type offers one, it is the default
   * {@code destination.type}; settings a profile does give win over the defaults.
   *
   * @param profileName the profile's name, e.g. to name a file after it
   * @param dataDirectory the service's data directory, where files of its own may go
   * @return the default configuration, or empty when this type needs settings
   */
  default Optional<DestinationConfig> defaultConfig(String profileName, Path dataDirectory) {
    return Optional.empty();
  }

  /**
   * A typical configuration of this type, shown in error messages, documentation and help. It
   * passes {@link #check} and carries no password.
   */
  DestinationConfig example();

  /**
   * Checks a configuration of this type without connecting anywhere: what is given, and its form
   * (the URL's, the schema's, the table prefix's). Creating a profile and validating it both ask
   * this, so they always give the same answer; what only the database can tell (reachable,
   * privileges) is {@link Destination#validate}'s.
   *
   * @return the problems, each naming its field ({@code destination.jdbcUrl}, …), the value (never
   *     a secret) and what to do; empty when the configuration may be tried
   */
  List<Problem> check(DestinationConfig config);

  /**
   * Opens a destination; connects lazily (see {@link Destination#validate}).
   *
   * @throws io.dataexport.api.error.ConfigurationException when the configuration is of another
   *     type
   */
  Destination open(DestinationConfig config);

  /**
   * Opens a destination whose write times ({@code SinkCreatedOn}, {@code SinkModifiedOn}, delete
   * times, and the sweep's bound) come from {@code clock}: in a cluster, the node's clock set by
   * the store's, so that times written on different nodes compare. A destination that writes no
   * times may ignore it (the default).
   */
  default Destination open(DestinationConfig config, Clock clock) {
    return open(config);
  }
}
