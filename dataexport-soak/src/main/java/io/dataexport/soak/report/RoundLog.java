package io.dataexport.soak.report;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines of one round, each with the round's number and the seconds since it began. */
public final class RoundLog {
  private final PrintStream out;
  private final int round;
  private final long started = System.nanoTime();

  public RoundLog(PrintStream out, int round) {
    this.out = out;
    this.round = round;
  }

  /** Prints one line, formatted as {@link String#format}. */
  public void line(String format, Object... args) {
    out.printf(
        Locale.ROOT,
        "  [round %d %6.1f s] %s%n",
        round,
        (System.nanoTime() - started) / 1e9,
        String.format(Locale.ROOT, format, args));
  }
}
