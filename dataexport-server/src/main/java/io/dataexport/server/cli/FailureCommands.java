package io.dataexport.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The failure-log commands of {@code dataexport profile}: download it, resync its records. */
final class FailureCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FailureCommands() {}

  @Command(
      name = "failures",
      description =
          "Prints a profile's failure log: records given up after their tries (entity, record id,"
              + " change type, sync time, reason; no record data).")
  static final class Failures implements Callable<Integer> {
    @ParentCommand ProfileCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(
        names = "--format",
        paramLabel = "csv|json",
        description = "csv (with a header line) or json. Default: ${DEFAULT-VALUE}.")
    String format = "json";

    @Override
    public Integer call() {
      return download(System.out, System.err);
    }

    int download(PrintStream out, PrintStream err) {
      String wanted = format.toLowerCase(Locale.ROOT);
      ApiClient.TextAnswer answer;
      try {
        answer =
            new ApiClient(parent.server)
                .sendForText("GET", "profiles/" + id + "/failures?format=" + wanted, null);
      } catch (IllegalStateException e) {
        err.println(e.getMessage());
        return 2;
      }
      if (!answer.ok()) {
        return ProfileCommand.print(
            new ApiClient.Answer(answer.status(), parse(answer.body())), out, err);
      }
      if (wanted.equals("json")) {
        out.println(parse(answer.body()).toPrettyString());
      } else {
        out.print(answer.body());
      }
      out.flush();
      return 0;
    }

    private static JsonNode parse(String body) {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        return JSON.getNodeFactory().textNode(body);
      }
    }
  }

  @Command(
      name = "resync-failures",
      description =
          "Reads every record of an active profile's failure log again from the source and exports"
              + " it; the log empties as they are put on their way.")
  static final class ResyncFailures implements Callable<Integer> {
    @ParentCommand ProfileCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return parent.call(
          "POST", "profiles/" + id + "/failures/resync", null, System.out, System.err);
    }
  }
}
