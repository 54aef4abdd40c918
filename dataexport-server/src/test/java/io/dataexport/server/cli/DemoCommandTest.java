package io.dataexport.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.node.ServiceNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  private static final Pattern KEY =
      Pattern.compile("\\n  (dxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43})\\n");

  @TempDir Path data;

  @Test
  void theDemoSyncsTheSampleOrganisationAndShowsChangesArriving() throws Exception {
    String output = demo("300", "6");

    assertThat(output).contains("Initial sync done").contains("100%").contains("applied to SQLite");
    loginKey(output);
    assertThat(Files.exists(data.resolve("demo.sqlite"))).isTrue();
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("demo.sqlite"));
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM \"account\"")) {
      rows.next();
      assertThat(rows.getLong(1)).isGreaterThan(250);
    }
  }

  @Test
  void aLaterRunOnTheSameDataPrintsAKeyThatWorksAndRevokesThePreviousRunsKey() throws Exception {
    String first = loginKey(demo("50", "1"));
    String second = loginKey(demo("50", "1"));
    String third = loginKey(demo("50", "1"));

    assertThat(second).isNotEqualTo(first);
    try (ServiceNode node = ServiceNode.start(data, "127.0.0.1", 0, SyncSettings.defaults())) {
      Instant now = Instant.now();
      assertThat(node.keys().verify(third, now)).as("this run's key").isPresent();
      assertThat(node.keys().verify(second, now)).as("the previous run's demo key").isEmpty();
      assertThat(node.keys().verify(first, now)).as("the first start's key stays").isPresent();
    }
  }

  /** The key the output shows, after checking it says where to paste it. */
  private static String loginKey(String output) {
    String text = output.replace("\r", "");
    Matcher console =
        Pattern.compile("Web console: +(http://127\\.0\\.0\\.1:\\d+/)\\n").matcher(text);
    assertThat(console.find()).as(output).isTrue();
    assertThat(text).contains("open " + console.group(1) + " and paste this key on its login page");
    Matcher key = KEY.matcher(text);
    assertThat(key.find()).as(output).isTrue();
    return key.group(1);
  }

  private String demo(String seedRecords, String seconds) {
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
                  seedRecords,
                  "--duration",
                  seconds);
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    return output;
  }
}
