package io.dataexport.server.cli;

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
      ProfileCommand.class
    })
public final class DataExportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DataExportCommand()).execute(args));
  }
}
