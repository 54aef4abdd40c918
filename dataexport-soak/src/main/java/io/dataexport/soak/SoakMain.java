package io.dataexport.soak;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dataexport.soak.round.RoundResult;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The crash soak harness ({@code soak/run}): rounds of SIGKILLs, deactivations, resyncs and
 * PostgreSQL restarts under a change workload, each checked row by row against the emulator. Exit
 * code 0 when every round passed, 1 when one failed, 2 for bad options. See {@code soak/README.md}.
 */
@Command(
    name = "soak/run",
    mixinStandardHelpOptions = true,
    description =
        "Kills the Data Export Service at random moments under a change workload, round after"
            + " round, and checks that the destination still equals the source.")
public final class SoakMain implements Callable<Integer> {
  @Mixin SoakOptions options = new SoakOptions();
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // the in-process emulator's chatter would drown the rounds' progress
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    System.exit(new CommandLine(new SoakMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<String> problems = options.problems();
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("\n", problems));
    }
    try {
      options.server().requireReachable();
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    List<RoundResult> results = new SoakRun(options, System.out, System.err).run();
    return results.stream().allMatch(RoundResult::passed) ? 0 : 1;
  }
}
