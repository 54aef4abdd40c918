package io.dataexport.core.profile;

import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.jdbc.JdbcDestinationProvider;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The real destination types, as {@link ServiceLoader} finds them on the test class path (the
 * {@code dataexport-jdbc} test dependency); the core tests' fake {@code sqlite} is left out.
 */
final class SqlDestinations {
  private SqlDestinations() {}

  static List<DestinationProvider> installed() {
    return ServiceLoader.load(DestinationProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p instanceof JdbcDestinationProvider)
        .toList();
  }
}
