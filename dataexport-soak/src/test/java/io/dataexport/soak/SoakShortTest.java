package io.dataexport.soak;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dataexport.soak.round.RoundResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The short soak in the test command: three rounds of {@code soak/run} at small sizes (about two
 * minutes on two cores), so a regression of crash safety fails CI. Each round SIGKILLs the service
 * three times, deactivates and resyncs, and restarts PostgreSQL ({@code .ci/run} runs as root, so
 * {@code pg_ctlcluster} works; {@code -Ddataexport.test.soak.postgresql-restart=false} turns the
 * restarts off explicitly elsewhere). Needs PostgreSQL and fails, never skips, without it.
 */
class SoakShortTest {
  private static final String URL =
      System.getProperty("dataexport.test.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER =
      System.getProperty("dataexport.test.postgresql.user", "postgres");
  private static final String PASSWORD =
      System.getProperty("dataexport.test.postgresql.password", "");
  private static final boolean RESTARTS =
      Boolean.parseBoolean(System.getProperty("dataexport.test.soak.postgresql-restart", "true"));

  @BeforeAll
  static void quietEmulator() {
    ((Logger) LoggerFactory.getLogger("io.dataexport.emulator")).setLevel(Level.WARN);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void threeShortRoundsOfKillsResyncsAndRestartsEndWithTheDestinationEqualToTheSource()
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--rounds", "3",
                "--seed", "20261205",
                "--records", "8000",
                "--kills", "3",
                "--rate", "40",
                "--converge-seconds", "90",
                "--postgresql-url", URL,
                "--postgresql-user", USER,
                "--postgresql-password", PASSWORD));
    args.addAll(
        RESTARTS ? List.of("--postgresql-restart-every", "1") : List.of("--no-postgresql-restart"));
    SoakMain main = new SoakMain();
    new CommandLine(main).parseArgs(args.toArray(String[]::new));
    assertThat(main.options.problems()).isEmpty();

    List<RoundResult> rounds = new SoakRun(main.options, System.out, System.out).run();

    List<String> failed =
        rounds.stream().filter(r -> !r.passed()).map(r -> summary(r, main.options)).toList();
    assertThat(failed)
        .as("failing rounds (their tables, findings and kept schemas are printed above)")
        .isEmpty();
    assertThat(rounds).allSatisfy(r -> assertThat(r.chaos().kills()).isEqualTo(3));
    if (RESTARTS) {
      assertThat(rounds)
          .as(
              "PostgreSQL restarts: every round must restart PostgreSQL (CI runs as root with"
                  + " pg_ctlcluster). Where that cannot work, run with"
                  + " -Ddataexport.test.soak.postgresql-restart=false to skip them deliberately.")
          .allSatisfy(
              r ->
                  assertThat(r.chaos().postgresqlRestarts())
                      .as("round %d: %s", r.index(), r.chaos().notes())
                      .isEqualTo(1));
    }
  }

  private static String summary(RoundResult r, SoakOptions options) {
    return String.format(
        "round %d (seed %d): %d extra, %d missing, %d differing rows; DeleteLog %s; counters %s;"
            + " error %s; re-run: %s",
        r.index(),
        r.seed(),
        r.extra(),
        r.missing(),
        r.differing(),
        r.deleteLog() == null ? "not checked" : r.deleteLog().missing() + " missing",
        r.counters() == null ? "not checked" : r.counters().problems(),
        r.error(),
        options.rerun(r.seed()));
  }
}
