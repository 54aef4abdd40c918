package io.dataexport.core.cluster;

import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.Lease;
import io.dataexport.api.store.LeaseLostException;
import io.dataexport.core.sync.Fence;
import java.time.Duration;

/**
 * A reader's lease as a {@link Fence}. Two guards: the store refuses the reader's cursor saves once
 * the lease's token is no longer current ({@link ConfigStore#fencedBy}); and before each publish
 * the reader checks, by this node's monotonic clock, that the lease was renewed recently enough to
 * still hold — counted from when the last successful renewal <i>began</i>, less a safety margin, so
 * a node whose renewals fail (cut off from the store, paused) stops publishing before another node
 * can have taken the lease.
 */
final class LeaseFence implements Fence {
  private final Lease lease;
  private final long validNanos;
  private volatile long heldUntilNanos;
  private volatile boolean lost;

  /**
   * @param lease the lease just acquired
   * @param acquiredAtNanos {@link System#nanoTime()} when the acquiring call began
   * @param duration how long the lease holds
   * @param margin how much sooner than the store this node gives it up
   */
  LeaseFence(Lease lease, long acquiredAtNanos, Duration duration, Duration margin) {
    this.lease = lease;
    this.validNanos = duration.minus(margin).toNanos();
    this.heldUntilNanos = acquiredAtNanos + validNanos;
  }

  Lease lease() {
    return lease;
  }

  /** Records a successful renewal that began at {@code renewStartedNanos}. */
  void renewed(long renewStartedNanos) {
    heldUntilNanos = renewStartedNanos + validNanos;
  }

  /** Marks the lease lost (another holder, or given up): every later check fails. */
  void lose() {
    lost = true;
  }

  /** Whether the lease may still hold, by this node's clock. */
  boolean holds() {
    return !lost && System.nanoTime() - heldUntilNanos < 0;
  }

  @Override
  public void check() {
    if (!holds()) {
      throw new LeaseLostException(lease, "the next page's notifications");
    }
  }

  @Override
  public ConfigStore store(ConfigStore store) {
    return store.fencedBy(lease);
  }
}
