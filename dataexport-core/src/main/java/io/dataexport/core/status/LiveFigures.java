package io.dataexport.core.status;

import io.dataexport.core.sync.ProfileRuntime;
import java.time.Instant;

/**
 * What the running pipelines know of a profile's entities that the store does not keep: the oldest
 * change not applied yet, the throughput and the change reader's last error. On a single node that
 * is its {@link ProfileRuntime} ({@link #of(ProfileRuntime)}); in a cluster each node knows only
 * its part, and {@link io.dataexport.core.cluster.ClusterFigures} combines the nodes' reports.
 */
@FunctionalInterface
public interface LiveFigures {
  /** Nothing known: the profile does not run. */
  LiveFigures NONE = (entity, caughtUp) -> Entity.NONE;

  /**
   * What is known of one entity now.
   *
   * @param caughtUp the store's counters say every notification of the entity received so far is
   *     handled, so nothing of it waits on the bus whatever a node still counts
   */
  Entity entity(String entity, boolean caughtUp);

  /**
   * The figures of this node's running profile alone.
   *
   * @param runtime the running profile, or null when it does not run here
   */
  static LiveFigures of(ProfileRuntime runtime) {
    if (runtime == null) {
      return NONE;
    }
    return (entity, caughtUp) -> {
      if (caughtUp) {
        runtime.metrics().caughtUp(entity);
      }
      return new Entity(
          runtime.metrics().oldestWaiting(entity),
          runtime.metrics().throughput(entity),
          runtime.readerError(entity).orElse(null));
    };
  }

  /**
   * What is known of one entity.
   *
   * @param oldestWaiting when the oldest change read and not applied yet was read, or null when
   *     none is known to wait (parked notifications are not counted here: the status adds them from
   *     the store)
   * @param throughput notifications applied per second over the last minute
   * @param readerError the last error of the entity's change reader, or null
   */
  record Entity(Instant oldestWaiting, double throughput, String readerError) {
    public static final Entity NONE = new Entity(null, 0, null);
  }
}
