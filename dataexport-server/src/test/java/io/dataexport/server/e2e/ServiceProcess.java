package io.dataexport.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service as a separate JVM ({@code dataexport server}), so tests can kill it with SIGKILL. */
final class ServiceProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern KEY = Pattern.compile("dxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");

  private final Path data;
  private final int port;
  private final Path log;
  private Process process;
  private String token;

  ServiceProcess(Path data) throws IOException {
    this.data = data;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    this.log = data.resolveSibling(data.getFileName() + "-service.log");
  }

  /** Starts the JVM and waits until its API answers. */
  void start() throws Exception {
    start(List.of());
  }

  /** Starts the JVM with extra JVM options (e.g. a test hook's system property). */
  void start(List<String> jvmOptions) throws Exception {
    start(jvmOptions, List.of());
  }

  /** Starts the JVM with extra JVM options and options of the {@code server} command. */
  void start(List<String> jvmOptions, List<String> serverOptions) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED"));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.dataexport.server.cli.DataExportCommand",
            "server",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString()));
    command.addAll(serverOptions);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (request("GET", "health", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the service did not answer within 60 s; see " + log);
  }

  /**
   * Waits for the JVM to end by itself (a crash-point test hook halts it).
   *
   * @throws IllegalStateException when it is still running after {@code timeout}
   */
  void awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the service still runs after " + timeout + "; see " + log);
    }
  }

  /**
   * The admin API key the service printed on its first start (read from its log), or the one given
   * with {@link #useToken}.
   */
  String token() throws IOException {
    if (token == null) {
      Matcher key = KEY.matcher(Files.readString(log));
      if (!key.find()) {
        throw new IllegalStateException(
            "the service printed no API key (its store had keys already); see " + log);
      }
      token = key.group();
    }
    return token;
  }

  /**
   * Authenticates with this key, e.g. one another node printed (nodes sharing a store share keys).
   */
  void useToken(String key) {
    this.token = key;
  }

  /** The port of its API. */
  int port() {
    return port;
  }

  /** The service's log (standard output and error of every start). */
  Path log() {
    return log;
  }

  /** SIGTERM: the service shuts down cleanly (its shutdown hook runs). Waits until it ended. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  HttpResponse<String> request(String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/" + path));
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    builder.header("Content-Type", "application/json");
    if (!path.equals("health")) {
      builder.header("Authorization", "Bearer " + token());
    }
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    HttpResponse<String> response = request(method, path, body);
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /**
   * Asks for the profile's status until {@code done} holds, up to {@code timeout}; fails with the
   * last status.
   */
  JsonNode awaitStatus(String profileId, String what, Duration timeout, Predicate<JsonNode> done)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = json("GET", "profiles/" + profileId + "/status", null);
      if (done.test(status)) {
        return status;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "Timed out after " + timeout + " waiting for " + what + "; last status: " + status);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
