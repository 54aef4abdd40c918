package io.dataexport.soak.service;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a JVM of its own ({@code dataexport server --port P --data DIR}), so that a round
 * can SIGKILL it and start it again on the same data directory. Every start appends to one log
 * file.
 *
 * <p>Lifecycle: {@link #start()} and {@link #kill()} alternate; {@link #close()} stops a running
 * JVM gently (SIGTERM, then SIGKILL after 20 s). A JVM shutdown hook kills a running child, so an
 * interrupted harness leaves none behind.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Pattern API_KEY = Pattern.compile("dxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path data;
  private final Path log;
  private final List<String> prefix;
  private final int port;
  private final Thread killOnExit = new Thread(this::killQuietly, "soak-kill-service");
  private Process process;
  private long answeredAt;

  /**
   * @param data the service's data directory (created by the service when missing)
   * @param log the file the service's output is appended to
   * @param prefix words run before the java command (e.g. an strace that delays fsync), or none
   */
  public ServiceProcess(Path data, Path log, List<String> prefix) throws IOException {
    this.data = data;
    this.log = log;
    this.prefix = List.copyOf(prefix);
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** The API root, {@code http://127.0.0.1:<port>/api/v1/}. */
  public URI apiRoot() {
    return URI.create("http://127.0.0.1:" + port + "/api/v1/");
  }

  public Path log() {
    return log;
  }

  /**
   * The admin API key the service printed when it first started on its data directory (read from
   * the log, which every start appends to).
   *
   * @throws IllegalStateException when the log holds none (the data directory had keys before)
   */
  public String apiKey() throws IOException {
    Matcher key = API_KEY.matcher(Files.readString(log));
    if (!key.find()) {
      throw new IllegalStateException(
          "The service printed no API key (its data directory had one already); see " + log);
    }
    return key.group();
  }

  /**
   * Starts the JVM and waits until its health endpoint answers.
   *
   * @throws IllegalStateException when it exits or does not answer within 60 s, naming the log
   */
  public void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-Xmx512m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "io.dataexport.server.cli.DataExportCommand",
            "server",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString()));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ServiceApi probe = new ServiceApi(apiRoot(), null);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The service exited with " + process.exitValue() + " while starting; see " + log);
      }
      if (probe.healthy()) {
        answeredAt = System.nanoTime();
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "The service did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
  }

  /** {@link System#nanoTime()} when the API of the latest start first answered. */
  public long answeredAt() {
    return answeredAt;
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * SIGKILL: no shutdown hook, no flush, no goodbye. The JVM first when a prefix command runs it
   * (strace would otherwise detach and leave it running). Waits until it is gone.
   */
  public void kill() throws InterruptedException {
    if (process != null) {
      killQuietly();
      process.waitFor();
    }
  }

  private void killQuietly() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (running()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
