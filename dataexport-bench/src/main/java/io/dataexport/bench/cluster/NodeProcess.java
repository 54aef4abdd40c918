package io.dataexport.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code dataexport server --config <id>.yaml} process, as an operator runs a node: a child JVM
 * of the harness's JDK on the harness's class path (which holds the whole service), its own data
 * directory, its API on a free port of 127.0.0.1, the node's own keys in its YAML file and the
 * shared stores' settings (secrets among them) in {@code DATAEXPORT_} variables. {@link #close}
 * stops it as Ctrl-C would (the node hands its leases over), forcibly after 30 s.
 */
final class NodeProcess implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(120);
  private static final long STOP_SECONDS = 30;
  private static final String READY_LINE = "Press Ctrl-C to stop.";
  private static final String KEY_LINE = "No API key existed";

  private final String id;
  private final Path directory;
  private final int port;
  private final Process process;

  private NodeProcess(String id, Path directory, int port, Process process) {
    this.id = id;
    this.directory = directory;
    this.port = port;
    this.process = process;
  }

  /**
   * Writes {@code <id>.yaml} in {@code directory} and starts the node on it, waiting until it says
   * it runs.
   *
   * @param settings further configuration keys of the node (e.g. {@code cluster.leaseSeconds})
   * @param environment the stores' {@code DATAEXPORT_} variables; none for the embedded defaults
   * @throws IllegalStateException when it exits or is not running within two minutes, with its
   *     error output
   */
  static NodeProcess start(
      String id,
      Path directory,
      Map<String, String> settings,
      Map<String, String> environment,
      String heap) {
    try {
      Files.createDirectories(directory);
      int port = freePort();
      Path config = directory.resolve(id + ".yaml");
      Files.writeString(config, yaml(id, directory.resolve("data"), port, settings));
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(
          List.of(
              "-Xmx" + heap,
              "--enable-native-access=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              "io.dataexport.server.cli.DataExportCommand",
              "server",
              "--config",
              config.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(directory.resolve("node.out").toFile())
              .redirectError(directory.resolve("node.err").toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("DATAEXPORT_"));
      builder.environment().putAll(environment);
      builder.environment().put("DATAEXPORT_LOG_LEVEL", "WARN");
      NodeProcess node = new NodeProcess(id, directory, port, builder.start());
      Runtime.getRuntime()
          .addShutdownHook(new Thread(node.process::destroyForcibly, "bench-node-" + id));
      try {
        node.awaitRunning();
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + id + ": " + e, e);
    }
  }

  /** The node's YAML file: its id, data directory, API address and the extra keys. */
  static String yaml(String id, Path data, int port, Map<String, String> settings) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# node ").append(id).append(" of the benchmark's cluster\n");
    yaml.append("node:\n  id: ").append(quoted(id)).append('\n');
    yaml.append("data: ").append(quoted(data.toString())).append('\n');
    yaml.append("api:\n  host: 127.0.0.1\n  port: ").append(port).append('\n');
    settings.forEach(
        (key, value) -> yaml.append(key).append(": ").append(quoted(value)).append('\n'));
    return yaml.toString();
  }

  String id() {
    return id;
  }

  /** The API's base, {@code http://127.0.0.1:<port>/api/v1}. */
  URI api() {
    return URI.create("http://127.0.0.1:" + port + "/api/v1");
  }

  /** The {@code admin} key this node made on its first start, if it was the first on its store. */
  Optional<String> firstKey() {
    List<String> lines = output();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).startsWith(KEY_LINE)) {
        return Optional.of(lines.get(i + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** Stops the node as Ctrl-C would, forcibly after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        System.err.println("  node " + id + " did not stop within " + STOP_SECONDS + " s; killed");
        process.destroyForcibly();
        process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void awaitRunning() {
    long deadline = System.nanoTime() + START.toNanos();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(api() + "/health"))
            .timeout(Duration.ofSeconds(10))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw notRunning("exited with status " + process.exitValue());
      }
      if (output().contains(READY_LINE)) {
        try {
          if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // answers in a moment
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw notRunning("was interrupted while starting");
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw notRunning("was interrupted while starting");
      }
    }
    throw notRunning("was not running after " + START.toSeconds() + " s");
  }

  private List<String> output() {
    try {
      return Files.readAllLines(directory.resolve("node.out"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  private IllegalStateException notRunning(String what) {
    String errors;
    try {
      errors = Files.readString(directory.resolve("node.err"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      errors = "(cannot be read: " + e + ")";
    }
    return new IllegalStateException("Node " + id + " " + what + ". Its error output:\n" + errors);
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
