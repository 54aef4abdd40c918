package io.dataexport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {

  @Test
  void theDefaultsAndTheQuickModeCanRun() {
    assertThat(parse().problems()).isEmpty();
    assertThat(parse("--quick").problems()).isEmpty();
    assertThat(parse("--quick", "--stores", "compare").problems()).isEmpty();
    assertThat(parse("--stores", "shared").describe()).containsEntry("stores", "shared");
  }

  @Test
  void everyBadOptionIsNamedWithWhatToFix() {
    BenchOptions options =
        parse(
            "--scenarios",
            "latency,nope",
            "--stores",
            "both",
            "--runs",
            "0",
            "--rate",
            "-5",
            "--memory-rows",
            "0",
            "--nodes",
            "1,0",
            "--cluster-rate",
            "0");

    assertThat(options.problems())
        .containsExactly(
            "--scenarios: unknown scenario 'nope'; choose from " + BenchOptions.SCENARIOS,
            "--stores: unknown choice 'both'; choose from [embedded, shared, compare]",
            "--runs: must be at least 1, not 0",
            "--rate: must be more than 0 changes per second, not -5.0",
            "--nodes: must be at least 1, not 0",
            "--cluster-rate: must be more than 0 changes per second, not 0.0",
            "--memory-rows: must be at least 1, not 0");
  }

  @Test
  void theCommandRefusesBadOptionsBeforeRunningAnything() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new BenchMain()).setErr(new PrintWriter(err));

    int exit = command.execute("--scenarios", "nope");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("unknown scenario 'nope'").contains("Usage: bench/run");
  }

  @Test
  void theHelpExplainsTheStoresChoices() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new BenchMain()).setOut(new PrintWriter(out));

    assertThat(command.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--stores=embedded|shared|compare")
        .contains("against a 10 % tolerance");
  }

  private static BenchOptions parse(String... args) {
    BenchMain main = new BenchMain();
    new CommandLine(main).parseArgs(args);
    return main.options;
  }
}
