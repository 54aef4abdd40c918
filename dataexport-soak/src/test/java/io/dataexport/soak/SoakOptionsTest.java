package io.dataexport.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SoakOptionsTest {

  @Test
  void theDefaultsCanRunTwentyRoundsOfFourEntities() {
    SoakOptions options = parse("--seed", "7");

    assertThat(options.problems()).isEmpty();
    assertThat(options.roundSeeds()).hasSize(20).doesNotHaveDuplicates();
    assertThat(options.entities).containsExactly("account", "contact", "lead", "opportunity");
  }

  @Test
  void roundSeedsFollowFromTheRunSeedSoARunCanBeRepeated() {
    assertThat(parse("--seed", "42", "--rounds", "3").roundSeeds())
        .isEqualTo(parse("--seed", "42", "--rounds", "3").roundSeeds())
        .allMatch(seed -> seed >= 0);
    assertThat(parse("--round-seed", "99").roundSeeds()).containsExactly(99L);
  }

  @Test
  void everyBadOptionIsNamedWithWhatToFix() {
    SoakOptions options =
        parse(
            "--rounds",
            "0",
            "--records",
            "0",
            "--entities",
            "account,nope,businessunit",
            "--rate",
            "-1",
            "--kills",
            "-2",
            "--converge-seconds",
            "5");

    assertThat(options.problems())
        .containsExactly(
            "--rounds: must be at least 1, not 0",
            "--records: must be at least 1, not 0",
            "--entities: unknown entity 'nope'; the sample organisation has [account, contact,"
                + " lead, opportunity, systemuser, team, transactioncurrency]",
            "--entities: 'businessunit' has no change tracking or is an intersect entity; choose"
                + " from [account, contact, lead, opportunity, systemuser, team,"
                + " transactioncurrency]",
            "--rate: must be more than 0 changes per second, not -1.0",
            "--kills: must be at least 0, not -2",
            "--converge-seconds: must be at least 10, not 5");
  }

  @Test
  void aRoundSeedRunsOneRoundOfItsOwn() {
    assertThat(parse("--round-seed", "5", "--seed", "3", "--rounds", "2").problems())
        .containsExactly(
            "--round-seed: runs one round of its own seed; leave out --seed",
            "--round-seed: runs one round; leave out --rounds 2");
  }

  @Test
  void theRerunLineCarriesTheOptionsThatShapeARound() {
    SoakOptions options =
        parse(
            "--records",
            "3000",
            "--rate",
            "25.5",
            "--kills",
            "2",
            "--no-postgresql-restart",
            "--no-resyncs");

    assertThat(options.rerun(123))
        .isEqualTo(
            "soak/run --round-seed 123 --records 3000 --entities account,contact,lead,opportunity"
                + " --rate 25.5 --kills 2 --no-postgresql-restart --no-resyncs");
  }

  @Test
  void theCommandRefusesBadOptionsBeforeRunningAnything() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new SoakMain()).setErr(new PrintWriter(err));

    int exit = command.execute("--kills", "-1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--kills: must be at least 0").contains("Usage: soak/run");
  }

  private static SoakOptions parse(String... args) {
    SoakMain main = new SoakMain();
    new CommandLine(main).parseArgs(args);
    return main.options;
  }
}
