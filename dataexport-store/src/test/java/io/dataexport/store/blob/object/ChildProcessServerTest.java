package io.dataexport.store.blob.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The child-process server the blob store modules run S3Proxy and Azurite with, here with the JDK's
 * own {@code jwebserver} serving the server's data directory, and with commands that fail.
 */
class ChildProcessServerTest {
  private final AtomicReference<Path> directory = new AtomicReference<>();

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** A command that remembers the directory it was given, to check it is removed. */
  private ChildProcessServer.Command remembering(List<String> commandLine) {
    return (port, given) -> {
      directory.set(given);
      return commandLine;
    };
  }

  @Test
  void aServerAnswersOnItsPortServesItsDataAndLeavesNothingWhenClosed() throws Exception {
    ChildProcessServer server =
        ChildProcessServer.start(
            "jwebserver",
            (port, given) -> {
              directory.set(given);
              return List.of(
                  jdkTool("jwebserver"),
                  "-b",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-d",
                  given.resolve("data").toString());
            },
            "/");
    try (server;
        HttpClient client = HttpClient.newHttpClient()) {
      Path file = Files.writeString(server.dataDirectory().resolve("hello.txt"), "hello");

      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(server.address().resolve("/hello.txt")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(server.address().toString()).startsWith("http://127.0.0.1:");
      assertThat(answer.body()).isEqualTo("hello");
      assertThat(server.storedFiles()).containsExactly(file);
    }
    assertThat(directory.get()).doesNotExist();
  }

  @Test
  void aServerThatExitsFailsWithItsOutputAndLeavesNothing() {
    assertThatThrownBy(
            () ->
                ChildProcessServer.start(
                    "NoMain", remembering(List.of(jdkTool("java"), "NoSuchMainClass")), "/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NoMain at http://127.0.0.1:")
        .hasMessageContaining("exited with status 1. Its output:")
        .hasMessageContaining("NoSuchMainClass");
    assertThat(directory.get()).doesNotExist();
  }

  @Test
  void aProgramThatCannotBeRunIsNamedWithWhatToCheck() {
    assertThatThrownBy(
            () ->
                ChildProcessServer.start(
                    "Missing", remembering(List.of("dataexport-no-such-program", "--serve")), "/"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("Cannot start Missing (dataexport-no-such-program --serve)")
        .hasMessageContaining("Check that dataexport-no-such-program is installed and on the PATH");
    assertThat(directory.get()).doesNotExist();
  }
}
