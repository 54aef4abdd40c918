package io.dataexport.bench.stores;

import java.util.Map;

/**
 * The embedded defaults: the SQLite file {@code config.sqlite} and the local blob directory, both
 * in the service's data directory, which the scenarios create fresh for every service.
 *
 * @param name as on the command line
 * @param description for the results
 */
public record EmbeddedStores(String name, String description) implements ServiceStores {
  /** The name on the command line and in the results. */
  public static final String NAME = "embedded";

  /** The embedded stores, as {@link #NAME}. */
  public EmbeddedStores() {
    this(NAME, "SQLite config store and local blobs in the data directory");
  }

  @Override
  public FreshStores open() {
    return new FreshStores(Map.of(), () -> {});
  }

  @Override
  public void close() {
    // nothing outlives a service's data directory
  }
}
