package io.dataexport.server.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code dataexport server} as its own process with exactly the arguments and environment a
 * test gives (no configuration of its own, unlike {@link ServiceProcess}), for tests of how the
 * server starts and what it refuses.
 */
final class ServerLaunch {
  private ServerLaunch() {}

  /**
   * Starts {@code server} with the test's class path, its standard output and error in {@code
   * directory/server.out} and {@code server.err}. Inherited {@code DATAEXPORT_} variables are
   * removed so only the test's apply.
   */
  static Process start(Path directory, List<String> arguments, Map<String, String> environment)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "io.dataexport.server.cli.DataExportCommand",
                "server"));
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(directory.resolve("server.out").toFile())
            .redirectError(directory.resolve("server.err").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DATAEXPORT_"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Waits up to 60 s until {@code health} answers 200 through {@code client}; fails with the
   * server's error output when it exited meanwhile.
   */
  static void awaitHealthy(Process server, HttpClient client, String health, Path directory)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(30)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "the server exited with "
                + server.exitValue()
                + ": "
                + Files.readString(directory.resolve("server.err")));
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not answer " + health + " within 60 s");
  }

  /** A port nothing listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
