package io.dataexport.soak;

import io.dataexport.soak.db.PostgresqlRestart;
import io.dataexport.soak.db.PostgresqlServer;
import io.dataexport.soak.report.RoundTable;
import io.dataexport.soak.round.RoundResult;
import io.dataexport.soak.round.RoundSettings;
import io.dataexport.soak.round.SoakRound;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A whole soak: every round in turn, each printed when it is over, then the summary. */
public final class SoakRun {
  private final SoakOptions options;
  private final PrintStream out;
  private final PrintStream progress;

  /**
   * @param options validated options (see {@link SoakOptions#problems()})
   * @param out where the tables and the summary go
   * @param progress where the rounds' progress lines go
   */
  public SoakRun(SoakOptions options, PrintStream out, PrintStream progress) {
    this.options = options;
    this.out = out;
    this.progress = progress;
  }

  /**
   * Runs the rounds.
   *
   * @throws IllegalStateException when PostgreSQL is not reachable, naming what to do
   */
  public List<RoundResult> run() throws IOException, SQLException {
    long started = System.nanoTime();
    PostgresqlServer server = options.server();
    server.requireReachable();
    Optional<PostgresqlRestart> restart = options.restart(server);
    List<Long> seeds = options.roundSeeds();
    progress.printf(
        Locale.ROOT,
        "Soak: %d round(s), run seed %s; %,d records per entity of %s, %s changes/s, %d kills per"
            + " round; PostgreSQL %s, restarts %s%n",
        seeds.size(),
        options.roundSeed != null ? "— (one round)" : Long.toString(options.runSeed()),
        options.records,
        String.join(",", options.entities),
        options.rate,
        options.kills,
        options.postgresqlUrl,
        !options.restarts()
            ? "off"
            : restart.map(r -> "by `" + r + "`").orElse("SKIPPED (no pg_ctlcluster here)"));
    RoundTable table = new RoundTable(out, options::rerun);
    List<RoundResult> results = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      RoundSettings settings =
          new RoundSettings(
              i + 1,
              seeds.get(i),
              options.records,
              options.entities,
              options.rate,
              options.chaos(),
              restart,
              server,
              Duration.ofSeconds(options.convergeSeconds),
              options.workDir,
              options.servicePrefix());
      RoundResult result = new SoakRound(settings, progress).run();
      table.printRound(result);
      results.add(result);
    }
    table.printSummary(results, options.runSeed(), Duration.ofNanos(System.nanoTime() - started));
    return results;
  }
}
