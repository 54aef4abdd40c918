package io.dataexport.api.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Leases in the shared store: the way nodes agree which one does a piece of work (one change reader
 * per profile and entity, one retry scheduler per profile). Times come from the store's clock, not
 * the nodes', so nodes whose clocks differ still agree when a lease lapsed. Obtained from {@link
 * ConfigStore#leases()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}; a holder that
 * cannot renew in time must stop the work as if it had lost the lease.
 */
public interface Leases {
  /**
   * Takes the lease when it is free or lapsed, or extends it when {@code holder} holds it already
   * (keeping its token). Taking it from another (lapsed) holder raises the token.
   *
   * @return the lease now held, or empty when another holder holds it
   */
  Optional<Lease> acquire(String name, String holder, Duration duration);

  /**
   * Extends a lease still held under the same token.
   *
   * @return the extended lease, or empty when it lapsed or another holder took it meanwhile
   */
  Optional<Lease> renew(Lease lease, Duration duration);

  /** Gives a lease up at once (when it is still held under the same token); its token remains. */
  void release(Lease lease);

  /** Every lease whose name starts with {@code prefix}, lapsed ones included, by name. */
  List<Lease> list(String prefix);
}
