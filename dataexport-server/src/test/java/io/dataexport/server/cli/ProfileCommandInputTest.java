package io.dataexport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The profile CLI's answers to input it cannot use: a message and exit code 2, no stack trace. */
class ProfileCommandInputTest {
  @TempDir Path data;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aMissingFileIsNamed() {
    Path missing = data.resolve("missing.json");

    assertThat(run("profile", "create", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(missing + " does not exist").doesNotContain("\tat ");
    assertThat(run("profile", "validate", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist").doesNotContain("\tat ");
  }

  @Test
  void aFileThatIsNotJsonSaysWhere() throws Exception {
    Path file = data.resolve("broken.json");
    Files.writeString(file, "{\"name\": \"x\",\n  oops}");

    assertThat(run("profile", "create", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not valid JSON (line 2").doesNotContain("\tat ");
  }

  @Test
  void aServerThatIsNoUrlIsRefusedPlainly() {
    assertThat(run("profile", "--server", "localhost:8080", "list")).isEqualTo(2);
    assertThat(err.toString()).contains("is not an http(s) URL").doesNotContain("\tat ");
  }

  private int run(String... args) {
    err.reset();
    PrintStream originalErr = System.err;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return new CommandLine(new DataExportCommand()).execute(args);
    } finally {
      System.setErr(originalErr);
    }
  }
}
