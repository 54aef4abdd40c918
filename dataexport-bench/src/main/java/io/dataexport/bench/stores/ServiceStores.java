package io.dataexport.bench.stores;

/**
 * Where a service under test keeps its config &amp; metrics store and its blobs: {@link
 * EmbeddedStores} (the defaults) or {@link SharedStores} (PostgreSQL and S3, as a cluster runs).
 * Every service the scenarios start gets fresh, empty stores of its own from {@link #open}.
 */
public interface ServiceStores extends AutoCloseable {

  /** The name the command line and the results use: {@code embedded} or {@code shared}. */
  String name();

  /** What the stores are, in a few words, for the results' description. */
  String description();

  /**
   * Fresh, empty stores for one service; closing them removes them.
   *
   * @throws Exception when a server the stores need cannot be reached or started
   */
  FreshStores open() throws Exception;

  /** Stops whatever the stores started for every service (servers, child JVMs). */
  @Override
  void close();
}
