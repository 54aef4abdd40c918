package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
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
    int port = ServerLaunch.freePort();
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
        ServerLaunch.start(
            directory,
            List.of("--config", config.toString()),
            Map.of("DATAEXPORT_NODE_ID", "from-env"));
    try {
      ServerLaunch.awaitHealthy(
          server, HTTP, "http://127.0.0.1:" + port + "/api/v1/health", directory);

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
          type: rabbitmq
        blobs:
          type: s4
        """
            .formatted(data));

    Process server =
        ServerLaunch.start(directory, List.of("--config", config.toString()), Map.of());

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits by itself").isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertThat(Files.readString(directory.resolve("server.err")))
        .contains("The configuration has 5 problems:")
        .contains("api.port = 'eighty': must be a whole number")
        .contains("store.url = 'jdbc:mysql://db:3306/x': is neither a jdbc:sqlite: nor")
        .contains("store.encryptionKey: is not the base64 text of a 32-byte")
        .contains("bus.type = 'rabbitmq': is not installed yet; installed: embedded, kafka")
        .contains("blobs.type = 's4': is not installed yet")
        .doesNotContain("Store-Pw-Never-Shown", "Key-Never-Shown")
        .doesNotContain("\tat ");
    assertThat(Files.readString(directory.resolve("server.out")))
        .doesNotContain("Data Export Service is running");
    assertThat(data).doesNotExist();
  }

  @Test
  void aSharedStoreWithAnEmbeddedBusAndLocalBlobsIsRefusedSayingWhatToChange() throws Exception {
    Path data = directory.resolve("never-created");
    Path config = directory.resolve("half-cluster.yaml");
    Files.writeString(
        config,
        """
        data: %s
        store:
          url: jdbc:postgresql://127.0.0.1:5432/test
          encryptionKey: %s
        """
            .formatted(data, java.util.Base64.getEncoder().encodeToString(new byte[32])));

    Process server =
        ServerLaunch.start(directory, List.of("--config", config.toString()), Map.of());

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits by itself").isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertThat(Files.readString(directory.resolve("server.err")))
        .contains("The configuration has 2 problems:")
        .contains("bus.type: is embedded, which keeps notifications on this node's disk")
        .contains("set bus.type: kafka and bus.bootstrapServers")
        .contains("blobs.type: is local, which keeps parked notifications on this node's disk")
        .contains("set blobs.type: s3 or azure")
        .doesNotContain("\tat ");
    assertThat(data).doesNotExist();
  }
}
