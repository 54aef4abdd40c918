package io.dataexport.core.sync;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureResync;
import io.dataexport.api.store.FailureResyncStore;
import io.dataexport.api.store.UnknownProfileException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An administrator's "resync failed records" of a running profile, as a background job: it goes
 * through the entries that were in the failure log when it began, a page of {@value #PAGE} at a
 * time in id order ({@link FailedRecordResync}), and records each page's progress — with the
 * removal of the entries resynced — in the store ({@link FailureResyncStore}).
 *
 * <p>The job is durable: after a crash, or while the profile is inactive, it stays running in the
 * store, and the profile's next start takes it up again from the page where it stood ({@link
 * #resume()}). Starting it while it runs joins it. Its thread stops with the profile's readers
 * ({@link #stop}); a failure (the source down or throttling beyond its wait, the store busy) is
 * recorded as its last error and the page tried again after a back-off.
 *
 * <p>Each pass of the job's thread is checked against where the store says the job stands, so a
 * thread that lingers after a stop can never count a page twice.
 */
final class FailureResyncJob {
  /** Failure-log entries resynced per step; each step is one progress update in the store. */
  static final int PAGE = 500;

  private static final Logger LOG = LoggerFactory.getLogger(FailureResyncJob.class);

  private final String profileId;
  private final FailureResyncStore jobs;
  private final FailedRecordResync resync;
  private final Supplier<Set<String>> exported;
  private final SyncSettings settings;
  private Worker worker; // guarded by this

  /**
   * @param exported the entities the profile reads now (asked again for every page)
   */
  FailureResyncJob(
      String profileId,
      FailureResyncStore jobs,
      FailedRecordResync resync,
      Supplier<Set<String>> exported,
      SyncSettings settings) {
    this.profileId = profileId;
    this.jobs = jobs;
    this.resync = resync;
    this.exported = exported;
    this.settings = settings;
  }

  /**
   * Starts a resync of the failure log, or joins the one running.
   *
   * @throws RetriableException when the store cannot be written now
   */
  synchronized FailureResyncStore.Start start() {
    FailureResyncStore.Start start = jobs.start(profileId);
    if (!start.joined()) {
      LOG.info(
          "Resync of the {} failed record(s) of profile {} started",
          start.job().totalRecords(),
          profileId);
    }
    ensureWorker();
    return start;
  }

  /** Takes up the profile's resync where it stood, if the store says it runs. */
  synchronized void resume() {
    Optional<FailureResync> job = jobs.find(profileId);
    if (job.isPresent() && job.get().running()) {
      LOG.info(
          "Resync of the failed records of profile {} goes on: {} of {} done",
          profileId,
          job.get().resynced() + job.get().skipped(),
          job.get().totalRecords());
      ensureWorker();
    }
  }

  /**
   * Stops the job's thread after the page in hand and waits for it up to {@code timeout}; the job
   * stays running in the store, for {@link #resume()} or {@link #start()}.
   */
  void stop(Duration timeout) {
    Worker stopping;
    synchronized (this) {
      stopping = worker;
      worker = null;
    }
    if (stopping != null) {
      stopping.signal.stop();
      join(stopping.thread, timeout);
    }
  }

  /** Whether the job's thread runs now. */
  synchronized boolean running() {
    return worker != null;
  }

  private void ensureWorker() {
    if (worker == null) {
      worker = new Worker();
      worker.thread =
          Thread.ofVirtual()
              .name("failure-resync-" + profileId)
              .unstarted(LogContext.of(profileId, null, worker));
      worker.thread.start();
    }
  }

  /**
   * Completes the job in the store, unless this worker was stopped meanwhile: under the job's lock,
   * so a start either joins the job before it completes or begins a new one after.
   */
  private synchronized boolean complete(Worker finishing, FailureResync job) {
    if (worker != finishing) {
      return false;
    }
    boolean completed = jobs.complete(job); // when this throws, the worker tries again
    worker = null;
    return completed;
  }

  /** The thread's end without completing (superseded, the profile gone). */
  private synchronized void ended(Worker ending) {
    if (worker == ending) {
      worker = null;
    }
  }

  private final class Worker implements Runnable {
    private final StopSignal signal = new StopSignal();
    private Thread thread;

    @Override
    public void run() {
      Backoff backoff = new Backoff(settings);
      try {
        while (!signal.stopped()) {
          Duration pause;
          try {
            if (!step()) {
              return;
            }
            backoff.reset();
            continue;
          } catch (UnknownProfileException e) {
            return; // deleted meanwhile
          } catch (ConfigurationException e) {
            LOG.error(
                "Resync of the failed records of profile {} held up by a configuration problem: {}",
                profileId,
                e.getMessage());
            recordError(e.getMessage());
            pause = settings.maxBackoff();
          } catch (RetriableException e) {
            LOG.warn(
                "Resync of the failed records of profile {} failed for now, will retry: {}",
                profileId,
                e.getMessage());
            recordError(e.getMessage());
            pause = backoff.delayAfter(e);
          } catch (RuntimeException e) {
            LOG.error(
                "Resync of the failed records of profile {} failed unexpectedly, will retry",
                profileId,
                FailureReason.redacted(e));
            recordError(FailureReason.of(e));
            pause = backoff.delayAfter(e);
          }
          if (!signal.pause(pause)) {
            return;
          }
        }
      } finally {
        ended(this);
      }
    }

    /** Resyncs the next page; false when the job is over (completed, superseded or gone). */
    private boolean step() {
      FailureResync job = jobs.find(profileId).orElse(null);
      if (job == null || !job.running()) {
        return false;
      }
      List<FailedRecord> page = jobs.nextEntries(job, PAGE);
      if (page.isEmpty()) {
        if (complete(this, job)) {
          LOG.info(
              "Resync of the failed records of profile {} complete: {} resynced, {} left in the"
                  + " log for entities no longer exported or being read in full",
              profileId,
              job.resynced(),
              job.skipped());
        }
        return false;
      }
      FailedRecordResync.Result result = resync.resync(page, exported.get());
      if (!jobs.advance(job, page.getLast().id(), result.resynced(), result.skipped())) {
        LOG.warn("Resync of the failed records of profile {} moved on elsewhere", profileId);
        return false;
      }
      return true;
    }

    private void recordError(String reason) {
      try {
        jobs.recordError(profileId, reason);
      } catch (RuntimeException e) {
        // the store may be what fails; the log has the reason
      }
    }
  }

  private static void join(Thread thread, Duration timeout) {
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
