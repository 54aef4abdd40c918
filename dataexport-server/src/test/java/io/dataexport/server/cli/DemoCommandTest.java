package io.dataexport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path data;

  @Test
  void theDemoSyncsTheSampleOrganisationAndShowsChangesArriving() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new DataExportCommand())
              .execute(
                  "demo",
                  "--port",
                  "0",
                  "--data",
                  data.toString(),
                  "--seed-records",
                  "300",
                  "--duration",
                  "6");
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);

    assertThat(exit).isZero();
    assertThat(output).contains("Initial sync done").contains("100%").contains("applied to SQLite");
    assertThat(output)
        .as("the console's address and the key to sign in with")
        .containsPattern("Web console: +http://127\\.0\\.0\\.1:\\d+/")
        .containsPattern("sign in with the admin API key dxk_[0-9a-f]{16}_");
    assertThat(Files.exists(data.resolve("demo.sqlite"))).isTrue();
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("demo.sqlite"));
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM \"account\"")) {
      rows.next();
      assertThat(rows.getLong(1)).isGreaterThan(250);
    }
  }
}
