package io.dataexport.api.store;

import io.dataexport.api.error.DataExportException;

/**
 * Thrown by a fenced store's writes ({@link ConfigStore#fencedBy(Lease)}) when the lease no longer
 * holds: it lapsed by the store's clock, was released, or another holder (or a later token) has it.
 * Nothing was written. Not retriable: the holder must stop the work the lease was for and acquire
 * the lease again before doing any more of it.
 */
public final class LeaseLostException extends DataExportException {
  private final Lease lease;

  public LeaseLostException(Lease lease, String write) {
    super(
        "Lease '"
            + lease.name()
            + "' is no longer held by "
            + lease.holder()
            + " under token "
            + lease.token()
            + " (it lapsed, was released or another node took it over); "
            + write
            + " was not written. Stop this work and acquire the lease again.",
        null);
    this.lease = lease;
  }

  /** The lease the write was fenced by. */
  public Lease lease() {
    return lease;
  }
}
