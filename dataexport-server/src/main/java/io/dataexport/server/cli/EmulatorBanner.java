package io.dataexport.server.cli;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.metadata.EntityDefinition;
import java.io.PrintStream;

/** What a user needs to talk to a running emulator: addresses, credentials, sizes. */
final class EmulatorBanner {
  private EmulatorBanner() {}

  static void print(DataverseEmulator emulator, PrintStream out) {
    var settings = emulator.settings();
    out.println("Dataverse Web API emulator is running.");
    out.println("  Web API root:   " + emulator.webApiRoot());
    out.println("  Token endpoint: " + emulator.tokenUrl() + "  (any tenant)");
    out.println(
        "  Client:         "
            + settings.clientId()
            + " / (secret as configured; default emulator-secret)");
    out.println("  Scope:          " + emulator.baseUrl() + ".default");
    out.println(
        "  Seed:           "
            + settings.seed()
            + ", "
            + settings.seedRecords()
            + " records per main entity");
    StringBuilder sets = new StringBuilder();
    for (EntityDefinition entity : emulator.store().metadata().entities()) {
      sets.append(sets.isEmpty() ? "" : ", ")
          .append(entity.entitySetName())
          .append(entity.changeTrackingEnabled() ? "" : " (no change tracking)");
    }
    out.println("  Entity sets:    " + sets);
    out.println("Press Ctrl-C to stop.");
  }
}
