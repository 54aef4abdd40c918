package io.dataexport.soak.round;

import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.soak.check.EntityComparison;
import io.dataexport.soak.check.RowComparison;
import io.dataexport.soak.db.RoundSchema;
import io.dataexport.soak.report.RoundLog;
import io.dataexport.soak.service.ServiceApi;
import io.dataexport.soak.service.ServiceApiException;
import io.dataexport.soak.service.ServiceStatus;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Waits, once the chaos and the workload have stopped, until the service is idle (every initial
 * sync done, nothing pending) and the destination equals the source — or until the time is up. An
 * idle service whose differences stay the same for {@link #SETTLED} will not repair them, so the
 * wait ends early then.
 */
final class Convergence {
  static final Duration SETTLED = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofSeconds(1);

  /**
   * How the wait ended.
   *
   * @param converged whether the destination equalled the source
   * @param comparisons the last comparison
   * @param status the last status, or null when the service never answered
   */
  record Outcome(boolean converged, List<EntityComparison> comparisons, ServiceStatus status) {}

  private final ServiceApi api;
  private final String profile;
  private final OrganisationStore store;
  private final RoundSchema schema;
  private final List<String> entities;
  private final RoundLog log;

  Convergence(
      ServiceApi api,
      String profile,
      OrganisationStore store,
      RoundSchema schema,
      List<String> entities,
      RoundLog log) {
    this.api = api;
    this.profile = profile;
    this.store = store;
    this.schema = schema;
    this.entities = entities;
    this.log = log;
  }

  Outcome await(Duration timeout) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<EntityComparison> comparisons = null;
    ServiceStatus status = null;
    List<List<Long>> lastDifferences = null;
    long sameSince = 0;
    while (System.nanoTime() < deadline) {
      status = statusOrNull();
      if (status != null && status.idle()) {
        comparisons = compareOrNull();
        if (comparisons != null && comparisons.stream().allMatch(EntityComparison::equal)) {
          return new Outcome(true, comparisons, status);
        }
        List<List<Long>> differences = comparisons == null ? null : differences(comparisons);
        if (differences != null && differences.equals(lastDifferences)) {
          if (System.nanoTime() - sameSince > SETTLED.toNanos()) {
            log.line("idle for %d s with the same differences; the wait ends", SETTLED.toSeconds());
            return new Outcome(false, comparisons, status);
          }
        } else {
          lastDifferences = differences;
          sameSince = System.nanoTime();
        }
      } else {
        lastDifferences = null;
      }
      Thread.sleep(POLL);
    }
    log.line("not converged after %d s", timeout.toSeconds());
    if (comparisons == null) {
      comparisons = RowComparison.compare(store, schema, entities);
    }
    return new Outcome(false, comparisons, status != null ? status : statusOrNull());
  }

  private static List<List<Long>> differences(List<EntityComparison> comparisons) {
    return comparisons.stream().map(c -> List.of(c.missing(), c.extra(), c.differing())).toList();
  }

  private ServiceStatus statusOrNull() {
    try {
      return api.status(profile);
    } catch (ServiceApiException e) {
      return null;
    }
  }

  private List<EntityComparison> compareOrNull() {
    try {
      return RowComparison.compare(store, schema, entities);
    } catch (SQLException e) {
      log.line("comparison failed for now: %s", e.getMessage());
      return null;
    }
  }
}
