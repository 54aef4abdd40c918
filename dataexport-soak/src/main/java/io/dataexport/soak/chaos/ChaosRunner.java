package io.dataexport.soak.chaos;

import io.dataexport.soak.db.IdSnapshots;
import io.dataexport.soak.db.PostgresqlRestart;
import io.dataexport.soak.report.RoundLog;
import io.dataexport.soak.service.ServiceApi;
import io.dataexport.soak.service.ServiceApiException;
import io.dataexport.soak.service.ServiceProcess;
import io.dataexport.soak.service.ServiceStatus;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Carries out a {@link ChaosPlan} against the running service while the workload goes on. Before
 * every kill, deactivation and resync it snapshots the destination's ids (see {@link IdSnapshots}).
 * A step the service refuses is noted and the plan goes on: the checks at the end decide whether
 * the round passes.
 */
public final class ChaosRunner {
  private static final Duration INITIAL_SYNC_WAIT = Duration.ofMinutes(3);

  private final ServiceProcess service;
  private final ServiceApi api;
  private final String profile;
  private final IdSnapshots snapshots;
  private final Optional<PostgresqlRestart> restart;
  private final RoundLog log;
  private final ChaosTally tally = new ChaosTally();
  private long previousStepEnd;

  /**
   * @param restart how to restart PostgreSQL; empty when this machine cannot (the step is noted)
   */
  public ChaosRunner(
      ServiceProcess service,
      ServiceApi api,
      String profile,
      IdSnapshots snapshots,
      Optional<PostgresqlRestart> restart,
      RoundLog log) {
    this.service = service;
    this.api = api;
    this.profile = profile;
    this.snapshots = snapshots;
    this.restart = restart;
    this.log = log;
  }

  /** Runs every step in order. The service runs again afterwards. */
  public void run(ChaosPlan plan) throws IOException, InterruptedException {
    previousStepEnd = System.nanoTime();
    int kill = 0;
    int kills = (int) plan.count(ChaosStep.Kill.class);
    for (ChaosStep step : plan.steps()) {
      switch (step) {
        case ChaosStep.Kill k -> kill(k, ++kill, kills);
        case ChaosStep.Deactivation d -> deactivate(d);
        case ChaosStep.Resync r -> resync(r);
        case ChaosStep.PostgresqlRestart r -> restartPostgresql();
      }
      previousStepEnd = System.nanoTime();
    }
  }

  /** What was done so far; complete once {@link #run} returned. */
  public ChaosTally tally() {
    return tally;
  }

  private void kill(ChaosStep.Kill step, int number, int of)
      throws IOException, InterruptedException {
    long reference = previousStepEnd;
    if (step.moment() == KillMoment.STREAMING) {
      awaitInitialSyncs();
      reference = System.nanoTime();
    }
    snapshot();
    long due = reference + step.delay().toNanos();
    ServiceStatus status =
        step.moment() == KillMoment.INITIAL_SYNC ? awaitProgress(step.progress(), due) : null;
    sleepUntil(due);
    if (status == null) {
      status = statusOrNull();
    }
    boolean initialSync = status != null && status.initialSyncRunning();
    service.kill();
    tally.killed(initialSync);
    log.line(
        "SIGKILL %d/%d (%s): %s",
        number,
        of,
        step.moment(),
        initialSync
            ? String.format(
                Locale.ROOT, "initial sync %.0f %% done", 100 * status.initialSyncProgress())
            : "streaming");
    Thread.sleep(step.downtime().toMillis());
    service.start();
    log.line("service up again after %d ms down", step.downtime().toMillis());
  }

  private void deactivate(ChaosStep.Deactivation step) throws InterruptedException {
    snapshot();
    try {
      api.deactivate(profile);
      log.line("deactivated the profile for %d ms", step.pause().toMillis());
      Thread.sleep(step.pause().toMillis());
      api.activate(profile);
      tally.deactivated();
    } catch (ServiceApiException e) {
      tally.note("deactivate/reactivate: " + e.getMessage());
      log.line("deactivate/reactivate refused: %s", e.getMessage());
    }
  }

  private void resync(ChaosStep.Resync step) {
    snapshot();
    try {
      api.resync(profile, step.entity());
      tally.resynced();
      log.line("resync of %s started", step.entity());
    } catch (ServiceApiException e) {
      tally.note("resync of " + step.entity() + ": " + e.getMessage());
      log.line("resync of %s refused: %s", step.entity(), e.getMessage());
    }
  }

  private void restartPostgresql() throws InterruptedException {
    if (restart.isEmpty()) {
      tally.note("PostgreSQL restart skipped: no restart command on this machine");
      log.line("PostgreSQL restart skipped: no pg_ctlcluster or /etc/postgresql here");
      return;
    }
    long start = System.nanoTime();
    try {
      restart.get().run();
      tally.restartedPostgresql();
      log.line("restarted PostgreSQL in %d ms", (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | IllegalStateException e) {
      tally.note("PostgreSQL restart failed: " + e.getMessage());
      log.line("PostgreSQL restart failed: %s", e.getMessage());
    }
  }

  private void snapshot() {
    try {
      snapshots.take();
    } catch (SQLException e) {
      log.line("id snapshot skipped: %s", e.getMessage());
    }
  }

  /**
   * The status now, or null when the service does not answer (its kill then counts as not during an
   * initial sync).
   */
  private ServiceStatus statusOrNull() {
    try {
      return api.status(profile);
    } catch (ServiceApiException e) {
      return null;
    }
  }

  /**
   * Polls the status until the running initial syncs have come {@code progress} of the way, or
   * until {@code due}; returns the last status when it is the moment to kill, null at {@code due}.
   */
  private ServiceStatus awaitProgress(double progress, long due) throws InterruptedException {
    while (System.nanoTime() < due) {
      ServiceStatus status = statusOrNull();
      if (status != null
          && status.initialSyncRunning()
          && status.initialSyncProgress() >= progress) {
        return status;
      }
      Thread.sleep(50);
    }
    return null;
  }

  private void awaitInitialSyncs() throws InterruptedException {
    long deadline = System.nanoTime() + INITIAL_SYNC_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      ServiceStatus status = statusOrNull();
      if (status != null && !status.initialSyncRunning()) {
        return;
      }
      Thread.sleep(200);
    }
    tally.note("initial syncs still running after " + INITIAL_SYNC_WAIT.toMinutes() + " min");
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }
}
