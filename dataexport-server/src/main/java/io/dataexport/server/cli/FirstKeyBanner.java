package io.dataexport.server.cli;

import io.dataexport.server.node.ServiceNode;
import java.io.PrintStream;

/**
 * Shows an {@code admin} API key on standard output only, never in the log, with where to paste it
 * to log in to the web console: the key a node made on its first start (only this once; the store
 * keeps its hash), or a key a tool made for this run (the demo's).
 */
final class FirstKeyBanner {
  private FirstKeyBanner() {}

  /**
   * The first start's key, if this start made one.
   *
   * @param console the web console's address, e.g. {@code http://127.0.0.1:8080/}
   */
  static void print(ServiceNode node, String console, PrintStream out) {
    node.firstKey()
        .ifPresent(
            issued ->
                show(
                    "No API key existed, so an admin key was created (shown only now):",
                    issued.token(),
                    console,
                    out));
  }

  /** A key with the line that says what it is, then how to use it. */
  static void show(String headline, String token, String console, PrintStream out) {
    out.println(headline);
    out.println("  " + token);
    out.println(
        "  To log in to the web console, open "
            + console
            + " and paste this key on its login page.");
    out.println(
        "  Use it as 'Authorization: Bearer <key>' or DATAEXPORT_TOKEN for the CLI;"
            + " make keys for people and tools with './dataexport keys create --name N"
            + " --role viewer|operator|admin' and revoke this one when done.");
  }
}
