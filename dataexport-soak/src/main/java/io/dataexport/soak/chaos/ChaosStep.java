package io.dataexport.soak.chaos;

import java.time.Duration;

/** One thing the chaos of a round does to the running service or its destination. */
public sealed interface ChaosStep {

  /**
   * SIGKILL the service, leave it down a moment, start it again on the same data directory.
   *
   * @param moment what the kill aims at
   * @param delay how long after the step's reference moment (the end of the previous step, e.g. the
   *     API answering after a restart; the end of the initial syncs for {@link
   *     KillMoment#STREAMING}) the kill lands; for {@link KillMoment#INITIAL_SYNC} the latest
   *     moment
   * @param progress for {@link KillMoment#INITIAL_SYNC}: the kill lands as soon as the running
   *     initial syncs have come this far (0 to 1), if that is before {@code delay}; 0 otherwise
   * @param downtime how long the service stays down while the workload goes on
   */
  record Kill(KillMoment moment, Duration delay, double progress, Duration downtime)
      implements ChaosStep {}

  /**
   * Deactivate the profile, wait, activate it again.
   *
   * @param pause how long it stays inactive while the workload goes on
   */
  record Deactivation(Duration pause) implements ChaosStep {}

  /**
   * Start a full re-export of one entity.
   *
   * @param entity the entity's logical name
   */
  record Resync(String entity) implements ChaosStep {}

  /** Restart the PostgreSQL server under the running service. */
  record PostgresqlRestart() implements ChaosStep {}
}
