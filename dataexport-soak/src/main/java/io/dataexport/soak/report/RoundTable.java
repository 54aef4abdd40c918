package io.dataexport.soak.report;

import io.dataexport.soak.check.EntityComparison;
import io.dataexport.soak.round.RoundResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * The soak's Markdown output: a table row per round (after each round, and all of them at the end),
 * what a failing round found and how to re-run it, and a summary line.
 */
public final class RoundTable {
  private static final String HEADER =
      "| round | seed | kills (in initial sync) | resyncs | deactivations | pg restarts"
          + " | changes c/u/d | rows compared | extra | missing | differing"
          + " | deletes missing from DeleteLog | counters | duration | result |";
  private static final String RULE = "|---".repeat(15) + "|";

  private final PrintStream out;
  private final LongFunction<String> rerun;

  /**
   * @param rerun the command line that re-runs the round with a given seed alone
   */
  public RoundTable(PrintStream out, LongFunction<String> rerun) {
    this.out = out;
    this.rerun = rerun;
  }

  /** One round as soon as it is over: its row, its notes and, when it failed, its findings. */
  public void printRound(RoundResult round) {
    out.println();
    out.println(HEADER);
    out.println(RULE);
    out.println(row(round));
    round.chaos().notes().forEach(note -> out.println("- note: " + note));
    if (!round.passed()) {
      findings(round);
    }
    out.flush();
  }

  /** Every round's row, then the summary line. */
  public void printSummary(List<RoundResult> rounds, long runSeed, Duration took) {
    out.println();
    out.println(HEADER);
    out.println(RULE);
    rounds.forEach(r -> out.println(row(r)));
    List<RoundResult> failed = rounds.stream().filter(r -> !r.passed()).toList();
    out.println();
    out.printf(
        Locale.ROOT,
        "%s: %d of %d rounds passed (run seed %d, %s); %d kills (%d in initial syncs), %d extra rows,"
            + " %d missing, %d differing, %d deletes missing from the DeleteLog.%n",
        failed.isEmpty() ? "PASS" : "FAIL",
        rounds.size() - failed.size(),
        rounds.size(),
        runSeed,
        minutes(took),
        rounds.stream().mapToLong(r -> r.chaos().kills()).sum(),
        rounds.stream().mapToLong(r -> r.chaos().killsDuringInitialSync()).sum(),
        rounds.stream().mapToLong(RoundResult::extra).sum(),
        rounds.stream().mapToLong(RoundResult::missing).sum(),
        rounds.stream().mapToLong(RoundResult::differing).sum(),
        rounds.stream().mapToLong(r -> r.deleteLog() == null ? 0 : r.deleteLog().missing()).sum());
    for (RoundResult round : failed) {
      out.println("Re-run round " + round.index() + " alone: " + rerun.apply(round.seed()));
    }
    out.flush();
  }

  private static String row(RoundResult r) {
    return String.join(
        " | ",
        "| " + r.index(),
        Long.toString(r.seed()),
        r.chaos().kills() + " (" + r.chaos().killsDuringInitialSync() + ")",
        Integer.toString(r.chaos().resyncs()),
        Integer.toString(r.chaos().deactivations()),
        Integer.toString(r.chaos().postgresqlRestarts()),
        String.format(Locale.ROOT, "%,d/%,d/%,d", r.created(), r.updated(), r.deleted()),
        String.format(Locale.ROOT, "%,d", r.rowsCompared()),
        flagged(r.extra()),
        flagged(r.missing()),
        flagged(r.differing()),
        r.deleteLog() == null
            ? "—"
            : flagged(r.deleteLog().missing()) + " of " + r.deleteLog().expected(),
        r.counters() == null ? "—" : r.counters().ok() ? "ok" : "**no**",
        minutes(r.duration()),
        (r.passed() ? "PASS" : "**FAIL**") + " |");
  }

  private void findings(RoundResult r) {
    out.println();
    out.println("Round " + r.index() + " failed (seed " + r.seed() + "):");
    if (r.error() != null) {
      out.println("- stopped early: " + r.error());
    }
    if (!r.converged() && r.error() == null) {
      out.println("- the destination did not converge to the source");
    }
    for (EntityComparison c : r.comparisons()) {
      if (!c.equal()) {
        out.printf(
            Locale.ROOT,
            "- %s: %d extra (deleted in the source), %d missing, %d differing of %,d rows%s%s%n",
            c.entity(),
            c.extra(),
            c.missing(),
            c.differing(),
            c.compared(),
            c.error() == null ? "" : "; unreadable: " + c.error(),
            c.examples().isEmpty() ? "" : "; e.g. " + String.join(", ", c.examples()));
      }
    }
    if (r.deleteLog() != null && !r.deleteLog().ok()) {
      out.printf(
          Locale.ROOT,
          "- the DeleteLog lacks %d of the %d deletes of records seen in the destination; e.g. %s%n",
          r.deleteLog().missing(),
          r.deleteLog().expected(),
          String.join(", ", r.deleteLog().examples()));
    }
    if (r.counters() != null) {
      r.counters().problems().forEach(p -> out.println("- counters: " + p));
    }
    out.println(
        "- kept: schema \""
            + r.schema()
            + "\" (dropped only when a round passes), service data in "
            + r.directory()
            + ", service log "
            + r.serviceLog());
    out.println("- re-run it alone: " + rerun.apply(r.seed()));
  }

  private static String flagged(long count) {
    return count == 0 ? "0" : String.format(Locale.ROOT, "**%,d**", count);
  }

  private static String minutes(Duration d) {
    return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
  }
}
