package io.dataexport.soak.db;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Restarts the PostgreSQL server with a command (by default {@code pg_ctlcluster
 * --skip-systemctl-redirect <version> main restart}, the first version under {@code
 * /etc/postgresql}) and waits until it accepts connections again.
 *
 * @param command the program and its arguments
 * @param server the server that must come back
 */
public record PostgresqlRestart(List<String> command, PostgresqlServer server) {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration COMEBACK_TIMEOUT = Duration.ofSeconds(60);

  public PostgresqlRestart {
    command = List.copyOf(command);
  }

  /** A restart with a command line given by the user, split at spaces. */
  public static PostgresqlRestart of(String commandLine, PostgresqlServer server) {
    return new PostgresqlRestart(List.of(commandLine.trim().split("\\s+")), server);
  }

  /**
   * The Debian/Ubuntu restart of the local cluster, or empty when this machine has no {@code
   * pg_ctlcluster} or no cluster under {@code /etc/postgresql}.
   */
  public static Optional<PostgresqlRestart> debianCluster(PostgresqlServer server) {
    if (!onPath("pg_ctlcluster")) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
      return versions
          .map(p -> p.getFileName().toString())
          .sorted()
          .findFirst()
          .map(
              version ->
                  new PostgresqlRestart(
                      List.of(
                          "pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"),
                      server));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs the command and waits until PostgreSQL answers again.
   *
   * @throws IllegalStateException when the command fails or times out, or the server stays away
   */
  public void run() throws IOException, InterruptedException {
    Process restart = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!restart.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      restart.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command)
              + " did not finish within "
              + COMMAND_TIMEOUT.toSeconds()
              + " s");
    }
    String output = new String(restart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (restart.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited with "
              + restart.exitValue()
              + ": "
              + output.strip());
    }
    server.awaitReachable(COMEBACK_TIMEOUT);
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }
}
