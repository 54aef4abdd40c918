package io.dataexport.server.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = DataExportCommand.class.getPackage().getImplementationVersion();
    return new String[] {"dataexport " + (version == null ? "development" : version)};
  }
}
