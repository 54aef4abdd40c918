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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Matcher console =
        Pattern.compile("Web console: +(http://127\\.0\\.0\\.1:\\d+/)\\n")
            .matcher(output.replace("\r", ""));
    assertThat(console.find()).as(output).isTrue();
    assertThat(output)
        .containsPattern("\\n  dxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\\n")
        .contains("open " + console.group(1) + " and paste this key on its login page");
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
