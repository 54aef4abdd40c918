package io.dataexport.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
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
            parent
                .client()
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
          "Starts reading every record of an active profile's failure log again from the source and"
              + " exporting it, in the background (joins the resync running, if any); the log"
              + " empties as they are put on their way. Progress shows in 'status' (failureResync).")
  static final class ResyncFailures implements Callable<Integer> {
    private static final Duration POLL = Duration.ofSeconds(1);

    @ParentCommand ProfileCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(
        names = "--wait",
        description = "Follows the resync until it completes, printing its progress.")
    boolean await;

    @Override
    public Integer call() {
      return run(System.out, System.err, POLL);
    }

    int run(PrintStream out, PrintStream err, Duration every) {
      try {
        ApiClient client = parent.client();
        ApiClient.Answer started = client.send("POST", "profiles/" + id + "/failures/resync", null);
        if (!await || !started.ok()) {
          return ProfileCommand.print(started, out, err);
        }
        out.println(started.body().path("message").asText());
        return follow(client, out, err, every);
      } catch (IllegalStateException e) {
        err.println(e.getMessage());
        return 2;
      }
    }

    /** Prints the resync's progress whenever it moves, until it completed or pauses. */
    private int follow(ApiClient client, PrintStream out, PrintStream err, Duration every) {
      String printed = null;
      while (true) {
        ApiClient.Answer status = client.send("GET", "profiles/" + id + "/status", null);
        if (!status.ok()) {
          return ProfileCommand.print(status, out, err);
        }
        JsonNode job = status.body().path("failureResync");
        String line = progress(job);
        if (!line.equals(printed)) {
          out.println(line);
          out.flush();
          printed = line;
        }
        switch (job.path("state").asText()) {
          case "completed" -> {
            return 0;
          }
          case "paused" -> {
            err.println(
                "Profile "
                    + id
                    + " is no longer active; the resync goes on when it is activated again.");
            return 1;
          }
          default -> pause(every);
        }
      }
    }

    /**
     * One line of progress, e.g. "Resync of failed records running: 1200 of 20000 resynced, 0
     * skipped (6.0 %)".
     */
    static String progress(JsonNode job) {
      String line =
          "Resync of failed records "
              + job.path("state").asText("unknown")
              + ": "
              + job.path("resyncedRecords").asLong()
              + " of "
              + job.path("totalRecords").asLong()
              + " resynced, "
              + job.path("skippedRecords").asLong()
              + " skipped ("
              + job.path("percent").asDouble()
              + " %)";
      JsonNode error = job.path("lastError");
      return error.isTextual() ? line + "; last error: " + error.asText() : line;
    }

    private static void pause(Duration every) {
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
  }
}
