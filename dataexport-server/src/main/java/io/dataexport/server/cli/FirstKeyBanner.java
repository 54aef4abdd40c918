package io.dataexport.server.cli;

import io.dataexport.server.node.ServiceNode;
import java.io.PrintStream;

/**
 * Shows the {@code admin} API key a node made on its first start: on standard output only, never in
 * the log, and only this once (the store keeps its hash); with where to paste it to log in to the
 * web console.
 */
final class FirstKeyBanner {
  private FirstKeyBanner() {}

  /**
   * @param console the web console's address, e.g. {@code http://127.0.0.1:8080/}
   */
  static void print(ServiceNode node, String console, PrintStream out) {
    node.firstKey()
        .ifPresent(
            issued -> {
              out.println("No API key existed, so an admin key was created (shown only now):");
              out.println("  " + issued.token());
              out.println(
                  "  To log in to the web console, open "
                      + console
                      + " and paste this key on its login page.");
              out.println(
                  "  Use it as 'Authorization: Bearer <key>' or DATAEXPORT_TOKEN for the CLI;"
                      + " make keys for people and tools with './dataexport keys create --name N"
                      + " --role viewer|operator|admin' and revoke this one when done.");
            });
  }
}
