package io.dataexport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.server.auth.Role;
import io.dataexport.server.node.ServiceNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The profile CLI against a running service. */
class ProfileCommandTest {
  @TempDir Path data;
  private DataverseEmulator emulator;
  private ServiceNode node;
  private String token;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(20));
    node = ServiceNode.start(data.resolve("service"), "127.0.0.1", 0, SyncSettings.defaults());
    token = node.keys().issue("cli", Role.ADMIN).token();
  }

  @AfterEach
  void stop() {
    node.close();
    emulator.close();
  }

  @Test
  void aYamlProfileIsCreatedValidatedActivatedAndShown() throws Exception {
    Path file = data.resolve("sales.yaml");
    Files.writeString(
        file,
        """
        name: sales
        source:
          url: %s
          auth:
            tokenUrl: %s
            clientId: emulator
            clientSecret: emulator-secret
        destination:
          jdbcUrl: jdbc:sqlite:%s
        entities: [account, contact]
        """
            .formatted(
                emulator.baseUrl().toString().replaceAll("/$", ""),
                emulator.tokenUrl(),
                data.resolve("sales.sqlite")));

    assertThat(run("validate", file.toString())).isZero();
    assertThat(out.toString()).contains("The profile is valid");
    assertThat(run("create", file.toString())).isZero();
    String id = out.toString().replaceAll("(?s).*\"id\" : \"([^\"]+)\".*", "$1");
    assertThat(run("activate", id)).isZero();
    assertThat(out.toString()).contains("\"state\" : \"active\"").doesNotContain("emulator-secret");
    assertThat(run("status", id)).isZero();
    assertThat(out.toString()).contains("\"name\" : \"account\"");
    assertThat(run("list")).isZero();
    assertThat(out.toString()).contains("sales");
  }

  @Test
  void problemsArePrintedWithTheirFieldsAndAFailingExitCode() throws Exception {
    Path file = data.resolve("bad.json");
    Files.writeString(file, "{\"name\": \"bad\", \"entities\": [], \"retryCount\": 99}");

    assertThat(run("create", file.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("Error 400")
        .contains("retryCount = '99'")
        .contains("- source:");
    assertThat(run("show", "nosuch")).isEqualTo(1);
    assertThat(err.toString()).contains("Error 404");
    assertThat(
            new CommandLine(new DataExportCommand())
                .execute("profile", "--server", "http://127.0.0.1:1", "list"))
        .isEqualTo(2);
  }

  @Test
  void withoutAKeyOrWithARoleThatMayNotTheCliSaysWhatToDo() {
    token = "";
    assertThat(run("list")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Error 401")
        .contains("--token KEY or the environment variable DATAEXPORT_TOKEN");

    token = node.keys().issue("watcher", Role.VIEWER).token();
    assertThat(run("delete", "some-profile")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Error 403")
        .contains("Ask an administrator");
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      String[] full = new String[args.length + 5];
      full[0] = "profile";
      full[1] = "--server";
      full[2] = "http://127.0.0.1:" + node.port();
      full[3] = "--token";
      full[4] = token;
      System.arraycopy(args, 0, full, 5, args.length);
      return new CommandLine(new DataExportCommand()).execute(full);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
