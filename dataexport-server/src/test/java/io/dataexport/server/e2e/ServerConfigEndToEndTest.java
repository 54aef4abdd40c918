package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataexport server --config FILE} as its own process: it listens where the file says, keeps
 * its data where the file says, takes the environment over the file, and refuses a file with
 * mistakes before opening anything, listing every mistake on standard error.
 */
class ServerConfigEndToEndTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path directory;

  @Test
  void theServerListensOnTheConfiguredPortAndKeepsItsDataInTheConfiguredDirectory()
      throws Exception {
    int port = freePort();
    Path data = directory.resolve("configured-data");
    Path config = directory.resolve("dataexport.yaml");
    Files.writeString(
        config,
        """
        api:
          host: 127.0.0.1
          port: %d
        data: %s
        node:
          id: from-the-file
        blobs:
          type: local
        """
            .formatted(port, data));

    Process server =
        start(List.of("--config", config.toString()), Map.of("DATAEXPORT_NODE_ID", "from-env"));
    try {
      awaitHealthy(server, port);

      assertThat(data.resolve("config.sqlite")).exists();
      assertThat(data.resolve("keys").resolve("blob-keys")).isDirectory();
      assertThat(directory.resolve("data")).doesNotExist();
      assertThat(Files.readString(directory.resolve("server.out")))
          .contains("API:  http://127.0.0.1:" + port + "/api/v1/")
          .contains("Data: " + data.toAbsolutePath())
          .contains("Node: from-env");
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
    }
  }

  @Test
  void aFileWithMistakesIsRefusedAtStartWithEveryProblemOnStandardError() throws Exception {
    Path data = directory.resolve("never-created");
    Path config = directory.resolve("broken.yaml");
    Files.writeString(
        config,
        """
        api:
          port: eighty
        data: %s
        store:
          url: jdbc:mysql://db:3306/x
          password: Store-Pw-Never-Shown
          encryptionKey: Key-Never-Shown
        bus:
          type: kafka
          bootstrapServers: kafka-1:9092
        blobs:
          type: s4
        """
            .formatted(data));

    Process server = start(List.of("--config", config.toString()), Map.of());

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits by itself").isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertThat(Files.readString(directory.resolve("server.err")))
        .contains("The configuration has 5 problems:")
        .contains("api.port = 'eighty': must be a whole number")
        .contains("store.url = 'jdbc:mysql://db:3306/x': is neither a jdbc:sqlite: nor")
        .contains("store.encryptionKey: is not the base64 text of a 32-byte")
        .contains("bus.type = 'kafka': is not installed yet")
        .contains("blobs.type = 's4': is not installed yet")
        .doesNotContain("Store-Pw-Never-Shown", "Key-Never-Shown")
        .doesNotContain("\tat ");
    assertThat(Files.readString(directory.resolve("server.out")))
        .doesNotContain("Data Export Service is running");
    assertThat(data).doesNotExist();
  }

  /**
   * Starts {@code server} with the test's class path, its standard output and error in {@code
   * server.out} and {@code server.err}. Inherited {@code DATAEXPORT_} variables are removed so only
   * the test's apply.
   */
  private Process start(List<String> arguments, Map<String, String> environment)
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

  private void awaitHealthy(Process server, int port) throws Exception {
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health")).build();
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
        if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not answer on port " + port + " within 60 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
