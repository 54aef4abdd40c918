package io.dataexport.soak.check;

import io.dataexport.soak.service.ServiceStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Check 3: the status counters of every entity add up ({@code total = succeeded + failed +
 * pending}) and nothing is pending at the end.
 */
public final class CounterCheck {

  /**
   * The outcome.
   *
   * @param failed notifications given up, over all entities (reported, not a failure by itself)
   * @param problems one line per entity whose counters are wrong; empty when they are right
   */
  public record Result(long failed, List<String> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private CounterCheck() {}

  /** Checks the counters of a status read at the end of the round. */
  public static Result check(ServiceStatus status) {
    List<String> problems = new ArrayList<>();
    long failed = 0;
    for (ServiceStatus.EntityCounters e : status.entities()) {
      failed += e.failed();
      if (!e.addsUp()) {
        problems.add(
            String.format(
                "%s: total %d != succeeded %d + failed %d + pending %d",
                e.name(), e.total(), e.succeeded(), e.failed(), e.pending()));
      }
      if (e.pending() != 0) {
        problems.add(e.name() + ": pending " + e.pending() + " (parked " + e.parked() + ")");
      }
    }
    if (status.entities().isEmpty()) {
      problems.add("the status lists no entities");
    }
    return new Result(failed, problems);
  }
}
