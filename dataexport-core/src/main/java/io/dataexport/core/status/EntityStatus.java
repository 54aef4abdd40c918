package io.dataexport.core.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.ParkedSummary;
import java.time.Duration;
import java.time.Instant;

/**
 * The status of one entity of a profile: the DES fields and what this service adds. The counters
 * add up: {@code total = succeeded + failed + pending}.
 *
 * <ul>
 *   <li><b>total</b>: notifications received for the entity (put on the bus by its change reader or
 *       by a resync of failed records);
 *   <li><b>succeeded</b>: applied to the destination, at the first try or a later one;
 *   <li><b>failed</b>: given up after their tries, each leaving a failure-log entry;
 *   <li><b>pending</b>: neither yet — on the bus or parked ({@code parked} of them).
 * </ul>
 *
 * <p>A crash between a notification's publish and its count, or between its application and the bus
 * acknowledgement, can make the stored counters disagree by the notifications concerned
 * (at-least-once delivery counts a redelivered one again); pending is then never shown below the
 * parked count nor below zero, and total follows from the equation.
 *
 * @param name the entity's logical name
 * @param initialSyncState the initial sync's state ({@code completedWithFailures} when it completed
 *     and records failed)
 * @param rowsRead rows read by the current initial sync
 * @param estimatedTotal the source's row count for it, or -1 when unknown
 * @param total notifications received
 * @param succeeded of which applied
 * @param failed of which given up
 * @param pending of which not handled yet
 * @param parked of the pending, those waiting for a retry
 * @param lastSyncedAt the latest sync time applied, or null
 * @param lag the age of the oldest change not applied yet; zero when none waits
 * @param throughput notifications applied per second over the last minute (0 when not running)
 * @param resyncInProgress whether a full read of the entity runs (the initial sync, a re-export or
 *     a resync); once applied, it sweeps the rows the source no longer has
 * @param error the reader's last error, or null
 */
public record EntityStatus(
    String name,
    InitialSyncState initialSyncState,
    long rowsRead,
    long estimatedTotal,
    long total,
    long succeeded,
    long failed,
    long pending,
    long parked,
    Instant lastSyncedAt,
    Duration lag,
    double throughput,
    boolean resyncInProgress,
    String error) {

  /**
   * The status from what the store keeps and what the running pipelines know.
   *
   * @param parkedSummary the entity's parked notifications, or null when none
   * @param live what the running pipelines know of the entity ({@link LiveFigures#NONE} when the
   *     profile does not run)
   */
  static EntityStatus of(
      EntitySyncState state, ParkedSummary parkedSummary, LiveFigures live, Instant now) {
    String entity = state.entity();
    long parked = parkedSummary == null ? 0 : parkedSummary.count();
    long handled = state.succeededNotifications() + state.failedNotifications();
    long pending = Math.max(parked, state.totalNotifications() - handled);
    LiveFigures.Entity figures = live.entity(entity, state.totalNotifications() <= handled);
    Instant oldest = figures.oldestWaiting();
    if (parkedSummary != null
        && parkedSummary.oldestSyncTime() != null
        && (oldest == null || parkedSummary.oldestSyncTime().isBefore(oldest))) {
      oldest = parkedSummary.oldestSyncTime();
    }
    Duration lag =
        oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
    InitialSyncState initial = state.initialSyncState();
    if (initial == InitialSyncState.COMPLETED && state.reexportPublishedAt() != null) {
      initial = InitialSyncState.IN_PROGRESS; // read in full, not yet applied and swept
    }
    if (initial == InitialSyncState.COMPLETED && state.failedNotifications() > 0) {
      initial = InitialSyncState.COMPLETED_WITH_FAILURES;
    }
    return new EntityStatus(
        entity,
        initial,
        state.rowsRead(),
        state.estimatedTotal(),
        handled + pending,
        state.succeededNotifications(),
        state.failedNotifications(),
        pending,
        parked,
        state.lastSyncedAt(),
        lag,
        figures.throughput(),
        state.reexportStartedAt() != null,
        figures.readerError());
  }

  /**
   * How far the initial sync has come, 0 to 1: 1 once it completed, unknown (-1) while the source's
   * row count is unknown.
   */
  public double initialSyncProgress() {
    if (initialSyncState == InitialSyncState.COMPLETED
        || initialSyncState == InitialSyncState.COMPLETED_WITH_FAILURES) {
      return 1;
    }
    if (estimatedTotal < 0) {
      return -1;
    }
    return estimatedTotal == 0 ? 1 : Math.min(1.0, (double) rowsRead / estimatedTotal);
  }

  /** The entity's part of the status document. */
  public ObjectNode toJson() {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("name", name);
    e.put("initialSyncState", initialSyncState.wireName());
    ObjectNode progress = e.putObject("initialSyncProgress");
    progress.put("rowsRead", rowsRead);
    if (estimatedTotal >= 0) {
      progress.put("estimatedTotal", estimatedTotal);
      progress.put(
          "percent",
          estimatedTotal == 0
              ? 100.0
              : Math.min(100.0, Math.round(1000.0 * rowsRead / estimatedTotal) / 10.0));
    }
    e.put("totalNotifications", total);
    e.put("succeededNotifications", succeeded);
    e.put("failedNotifications", failed);
    e.put("pendingNotifications", pending);
    e.put("parkedNotifications", parked);
    e.put("lastSyncedAt", lastSyncedAt == null ? null : lastSyncedAt.toString());
    e.put("lagSeconds", lag.toSeconds());
    e.put("throughputPerSecond", Math.round(throughput * 100) / 100.0);
    e.put("resyncInProgress", resyncInProgress);
    if (error != null) {
      e.put("error", error);
    }
    return e;
  }
}
