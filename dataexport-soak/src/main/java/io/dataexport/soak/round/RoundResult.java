package io.dataexport.soak.round;

import io.dataexport.soak.chaos.ChaosTally;
import io.dataexport.soak.check.CounterCheck;
import io.dataexport.soak.check.DeleteLogCheck;
import io.dataexport.soak.check.EntityComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What one round did and what its checks found.
 *
 * @param index the round's number in the run
 * @param seed the round's seed (re-run it alone with {@code --round-seed})
 * @param chaos the kills, deactivations, resyncs and restarts done
 * @param created records the workload created
 * @param updated records it updated
 * @param deleted records it deleted
 * @param comparisons check 1, per entity; empty when the round did not get that far
 * @param deleteLog check 2, or null when the round did not get that far
 * @param counters check 3, or null when the round did not get that far
 * @param converged whether the destination equalled the source before the wait ran out
 * @param duration how long the round took
 * @param error what stopped the round early, or null
 * @param schema the round's PostgreSQL schema (dropped when the round passed)
 * @param directory the round's service data and log (deleted when the round passed)
 * @param serviceLog the service's log, in {@code directory}
 */
public record RoundResult(
    int index,
    long seed,
    ChaosTally chaos,
    long created,
    long updated,
    long deleted,
    List<EntityComparison> comparisons,
    DeleteLogCheck.Result deleteLog,
    CounterCheck.Result counters,
    boolean converged,
    Duration duration,
    String error,
    String schema,
    Path directory,
    Path serviceLog) {

  public RoundResult {
    comparisons = List.copyOf(comparisons);
  }

  /** Every check ran and passed. */
  public boolean passed() {
    return error == null
        && !comparisons.isEmpty()
        && comparisons.stream().allMatch(EntityComparison::equal)
        && deleteLog != null
        && deleteLog.ok()
        && counters != null
        && counters.ok();
  }

  public long rowsCompared() {
    return sum(EntityComparison::compared);
  }

  /** Rows the destination has and the source deleted: the bug the soak hunts. */
  public long extra() {
    return sum(EntityComparison::extra);
  }

  public long missing() {
    return sum(EntityComparison::missing);
  }

  public long differing() {
    return sum(EntityComparison::differing);
  }

  private long sum(ToLongFunction<EntityComparison> figure) {
    return comparisons.stream().mapToLong(figure).sum();
  }
}
