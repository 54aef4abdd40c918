package io.dataexport.server.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dataexport profile ...}: a command-line client of the REST API. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "Manages export profiles through the service's REST API.",
    subcommands = {
      ProfileCommand.Create.class,
      ProfileCommand.ListProfiles.class,
      ProfileCommand.Show.class,
      ProfileCommand.Validate.class,
      ProfileCommand.Activate.class,
      ProfileCommand.Deactivate.class,
      ProfileCommand.Delete.class,
      ProfileCommand.Status.class,
      ProfileCommand.Resync.class,
      FailureCommands.Failures.class,
      FailureCommands.ResyncFailures.class
    })
final class ProfileCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Option(names = "--server", description = "The service's base URL. Default: ${DEFAULT-VALUE}.")
  String server = "http://localhost:8080";

  @Option(
      names = "--ca-certificate",
      paramLabel = "FILE",
      defaultValue = "${env:DATAEXPORT_CA_CERTIFICATE}",
      description =
          "PEM certificate to trust for an https:// server instead of the JDK's authorities, e.g."
              + " the service's self-signed one. Default: DATAEXPORT_CA_CERTIFICATE.")
  Path caCertificate;

  @Option(
      names = "--token",
      paramLabel = "KEY",
      description =
          "API key (or OpenID Connect token) to authenticate with. Default: the environment"
              + " variable DATAEXPORT_TOKEN.")
  String token;

  /**
   * A client of the service named by {@code --server}, with {@code --token} or DATAEXPORT_TOKEN and
   * {@code --ca-certificate}.
   */
  ApiClient client() {
    return new ApiClient(
        server,
        token != null ? token : System.getenv("DATAEXPORT_TOKEN"),
        Optional.ofNullable(caCertificate));
  }

  /** Sends one request and prints the answer; returns the exit code. */
  int call(String method, String path, JsonNode body, PrintStream out, PrintStream err) {
    try {
      return print(client().send(method, path, body), out, err);
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  /** Sends one request with a profile file as its body; returns the exit code. */
  int callWithFile(String method, String path, Path file, PrintStream out, PrintStream err) {
    JsonNode document;
    try {
      document = readDocument(file);
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      return 2;
    }
    return call(method, path, document, out, err);
  }

  /**
   * Prints an answer: the JSON on success, the error's message and each problem on failure.
   *
   * @return the exit code: 0 on success, 1 for an error the API reported
   */
  static int print(ApiClient.Answer answer, PrintStream out, PrintStream err) {
    if (answer.ok()) {
      if (!answer.body().isNull()) {
        out.println(answer.body().toPrettyString());
      }
      return 0;
    }
    JsonNode error = answer.body().path("error");
    err.println(
        "Error " + answer.status() + ": " + error.path("message").asText(answer.body().toString()));
    for (JsonNode detail : error.path("details")) {
      err.println("  - " + describe(detail));
    }
    if (answer.status() == 401) {
      err.println(
          "Give an API key with --token KEY or the environment variable DATAEXPORT_TOKEN (an"
              + " administrator makes one with './dataexport keys create --name N --role R').");
    } else if (answer.status() == 403) {
      err.println(
          "This key's role may not do this. Ask an administrator for a key with a role that may.");
    }
    return 1;
  }

  /** A problem as one line: field, value when there is one, message. */
  static String describe(JsonNode problem) {
    JsonNode value = problem.path("value");
    return problem.path("field").asText()
        + (value.isNull() || value.isMissingNode() ? "" : " = '" + value.asText() + "'")
        + ": "
        + problem.path("message").asText();
  }

  /**
   * Reads a profile file, JSON or YAML by its extension.
   *
   * @throws IllegalStateException when it cannot be read or parsed (the message says which)
   */
  static JsonNode readDocument(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("The profile file " + file + " does not exist.");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the profile file " + file + ": " + e + ".");
    }
    try {
      return (yaml ? YAML : JSON).readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      throw new IllegalStateException(
          "The profile file "
              + file
              + " is not valid "
              + (yaml ? "YAML" : "JSON")
              + (where == null
                  ? ""
                  : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
              + ": "
              + e.getOriginalMessage()
              + (yaml ? "" : ". Files ending in .yaml or .yml are read as YAML."));
    }
  }

  /** Base of the subcommands: they reach the parent's options. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand ProfileCommand parent;
  }

  @Command(name = "create", description = "Creates a profile from a JSON or YAML file.")
  static final class Create extends Sub {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      return parent.callWithFile("POST", "profiles", file, System.out, System.err);
    }
  }

  @Command(
      name = "validate",
      description = "Checks a profile file as activation would, without creating it.")
  static final class Validate extends Sub {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      ApiClient.Answer answer;
      try {
        answer = parent.client().send("POST", "profiles/validate", readDocument(file));
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 2;
      }
      if (!answer.ok()) {
        return print(answer, System.out, System.err);
      }
      if (answer.body().path("valid").asBoolean()) {
        System.out.println("The profile is valid: the source and the destination are ready.");
        return 0;
      }
      System.err.println("The profile has problems:");
      for (JsonNode problem : answer.body().path("problems")) {
        System.err.println("  - " + describe(problem));
      }
      return 1;
    }
  }

  @Command(name = "list", description = "Lists the profiles.")
  static final class ListProfiles extends Sub {
    @Override
    public Integer call() {
      return parent.call("GET", "profiles", null, System.out, System.err);
    }
  }

  /** A subcommand that sends one request about the profile named by its ID argument. */
  abstract static class OnProfile extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    private final String method;
    private final String suffix;

    OnProfile(String method, String suffix) {
      this.method = method;
      this.suffix = suffix;
    }

    @Override
    public Integer call() {
      return parent.call(method, "profiles/" + id + suffix, null, System.out, System.err);
    }
  }

  @Command(name = "show", description = "Shows one profile (secrets are never shown).")
  static final class Show extends OnProfile {
    Show() {
      super("GET", "");
    }
  }

  @Command(
      name = "activate",
      description = "Activates a profile: initial sync, then continuous sync.")
  static final class Activate extends OnProfile {
    Activate() {
      super("POST", "/activate");
    }
  }

  @Command(
      name = "deactivate",
      description = "Stops reading changes; what was read is still applied.")
  static final class Deactivate extends OnProfile {
    Deactivate() {
      super("POST", "/deactivate");
    }
  }

  @Command(
      name = "delete",
      description =
          "Deletes a profile, its sync state, parked notifications and failure log;"
              + " destination tables stay.")
  static final class Delete extends OnProfile {
    Delete() {
      super("DELETE", "");
    }

    @Override
    public Integer call() {
      int exit = super.call();
      if (exit == 0) {
        System.out.println("Deleted profile " + id + "; its destination tables stay.");
      }
      return exit;
    }
  }

  @Command(name = "status", description = "Shows a profile's sync status per entity.")
  static final class Status extends OnProfile {
    Status() {
      super("GET", "/status");
    }
  }

  @Command(name = "resync", description = "Exports one entity of an active profile again in full.")
  static final class Resync extends Sub {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "ENTITY")
    String entity;

    @Override
    public Integer call() {
      return parent.call(
          "POST",
          "profiles/" + id + "/entities/" + entity + "/resync",
          null,
          System.out,
          System.err);
    }
  }
}
