package io.dataexport.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Repeats a scenario's run. A run that fails (say the database restarted under it) becomes a note
 * and the others go on; the scenario fails only when every run did.
 */
public final class Runs {
  private Runs() {}

  /** One run of a scenario. */
  @FunctionalInterface
  public interface Run<T> {
    /**
     * @param run the run's number, from 1
     */
    T call(int run) throws Exception;
  }

  /**
   * Calls {@code run} {@code runs} times.
   *
   * @param notes receives a line per failed run
   * @return the results of the runs that succeeded, in order
   * @throws Exception the last failure, when no run succeeded
   */
  public static <T> List<T> repeat(String scenario, int runs, Run<T> run, List<String> notes)
      throws Exception {
    List<T> results = new ArrayList<>();
    Exception last = null;
    for (int i = 1; i <= runs; i++) {
      try {
        results.add(run.call(i));
      } catch (Exception e) {
        last = e;
        String note = "run " + i + " failed and is left out: " + e;
        notes.add(note);
        System.err.println("  " + scenario + " " + note);
      }
    }
    if (results.isEmpty()) {
      throw last;
    }
    return results;
  }
}
