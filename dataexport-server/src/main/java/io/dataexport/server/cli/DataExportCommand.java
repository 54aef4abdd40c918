package io.dataexport.server.cli;

import io.dataexport.api.error.DataExportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dataexport} command line: one subcommand per way of running the product. */
@Command(
    name = "dataexport",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Data Export Service: continuous replication of Dataverse entity data into your SQL database.",
    subcommands = {
      DemoCommand.class,
      ServerCommand.class,
      EmulatorCommand.class,
      ProfileCommand.class,
      KeysCommand.class,
      UninstallCommand.class
    })
public final class DataExportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new DataExportCommand())
            .setExecutionExceptionHandler(DataExportCommand::handle)
            .execute(args));
  }

  /**
   * A problem the user can fix (a taken port, a data directory whose key is missing) is shown as
   * its message; anything else keeps picocli's report with the stack trace.
   */
  public static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof DataExportException) {
      commandLine.getErr().println("Error: " + e.getMessage());
      return 1;
    }
    throw e;
  }
}
