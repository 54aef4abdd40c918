package io.dataexport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for tests: one KRaft node in combined mode (broker and controller), run as a
 * child JVM of the JDK the tests run on from the {@code kafka_2.13} jars on the test class path (a
 * test-scoped dependency of the module using it). {@link #start()} picks free ports for the
 * PLAINTEXT and CONTROLLER listeners on 127.0.0.1, formats a log directory under a new temporary
 * directory ({@code kafka.tools.StorageTool format --standalone}), starts {@code kafka.Kafka} and
 * waits until it answers an admin request; it fails with the tail of the broker's log when it does
 * not within a minute. {@link #kill()} and {@link #restart()} stop and start the same broker (same
 * directories and ports) for outage tests; {@link #close()} stops it and removes its directory. A
 * test run that ends without closing it leaves neither the broker running nor its files.
 *
 * <p>It is in this module's test-jar, so that server and bench tests can start brokers too.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final String HOST = "127.0.0.1";
  private static final int LOG_TAIL = 60;

  private static KafkaBroker shared;

  private final Path directory;
  private final Path properties;
  private final Path output;
  private final int port;
  private final Thread stopAtExit;
  private Process process;

  private KafkaBroker(Path directory, int port) {
    this.directory = directory;
    this.properties = directory.resolve("server.properties");
    this.output = directory.resolve("broker.log");
    this.port = port;
    this.stopAtExit = new Thread(this::killAndRemoveQuietly, "kafka-broker-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /**
   * Formats and starts a new broker, waiting until it answers.
   *
   * @throws IllegalStateException when it exits or does not answer within a minute; the message
   *     holds the tail of its log
   */
  public static KafkaBroker start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("kafka-broker-");
      int port = freePort();
      int controllerPort = freePort();
      KafkaBroker broker = new KafkaBroker(directory, port);
      Files.writeString(broker.properties, configuration(directory, port, controllerPort));
      broker.format();
      broker.launch();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare a Kafka broker: " + e, e);
    }
  }

  /**
   * One broker for the whole test run (this JVM), started on first use and stopped when the JVM
   * exits, for test classes that only need a broker that stays up. Tests that stop a broker start
   * their own.
   */
  public static synchronized KafkaBroker shared() {
    if (shared == null || !shared.running()) {
      shared = start();
    }
    return shared;
  }

  /** {@code 127.0.0.1:<port>}, the PLAINTEXT listener. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /**
   * The {@code bus.*} settings (without the prefix) of a Kafka bus on this broker: its address, a
   * topic prefix and {@code partitions}; {@code bus.properties.*} to add go in {@code extra}.
   */
  public Map<String, String> settings(String topicPrefix, int partitions) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("bootstrapServers", bootstrapServers());
    settings.put("topicPrefix", topicPrefix);
    settings.put("partitions", Integer.toString(partitions));
    settings.put("replicationFactor", "1");
    return settings;
  }

  /** An admin client of this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(
        Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Whether the broker process is alive. */
  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /** Kills the broker at once (as a crash would), keeping its data for {@link #restart()}. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(process);
      process = null;
    }
  }

  /** Starts the broker again on its data and ports, waiting until it answers. */
  public synchronized void restart() {
    kill();
    launch();
  }

  /** Stops the broker and removes its directory. */
  @Override
  public synchronized void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook stops the broker
    }
    kill();
    deleteRecursively(directory);
  }

  private static String configuration(Path directory, int port, int controllerPort) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=" + HOST + ":" + controllerPort,
        "listeners=PLAINTEXT://"
            + HOST
            + ":"
            + port
            + ",CONTROLLER://"
            + HOST
            + ":"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + directory.resolve("logs"),
        "num.partitions=1",
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=3",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "num.network.threads=2",
        "num.io.threads=2",
        "background.threads=2",
        "log.cleaner.enable=false",
        "");
  }

  private void format() throws IOException {
    List<String> command = java("kafka.tools.StorageTool");
    command.addAll(
        List.of(
            "format",
            "--standalone",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            properties.toString()));
    Path formatOutput = directory.resolve("format.log");
    Process format =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(formatOutput.toFile())
            .start();
    try {
      if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        String log = Files.readString(formatOutput, StandardCharsets.UTF_8);
        close();
        throw new IllegalStateException("Formatting the Kafka broker's storage failed:\n" + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      format.destroyForcibly();
      close();
      throw new IllegalStateException("Interrupted while formatting the Kafka broker's storage", e);
    }
  }

  private void launch() {
    List<String> command = java("kafka.Kafka");
    command.add(properties.toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start the Kafka broker (" + command.get(0) + "): " + e, e);
    }
    awaitAnswer();
  }

  /** The JDK the tests run on, with the test class path (which holds kafka_2.13 and its jars). */
  private List<String> java(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms128m");
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.io.tmpdir=" + directory);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    return command;
  }

  private void awaitAnswer() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failed("exited with status " + process.exitValue());
      }
      if (listening() && answersAdmin()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failed("was interrupted while waiting for it");
      }
    }
    throw failed("did not answer within " + START_TIMEOUT.toSeconds() + " s");
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean answersAdmin() {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2000))) {
      admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private IllegalStateException failed(String what) {
    String tail;
    try {
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
    } catch (IOException e) {
      tail = "(its log cannot be read: " + e + ")";
    }
    close();
    return new IllegalStateException(
        "The Kafka broker at "
            + bootstrapServers()
            + " "
            + what
            + ". The end of its log:\n"
            + tail);
  }

  /** At JVM exit (the shared broker, or one a test did not close): stop it and leave no files. */
  private void killAndRemoveQuietly() {
    Process running = process;
    if (running != null) {
      running.destroyForcibly();
      awaitExit(running);
    }
    try {
      deleteRecursively(directory);
    } catch (UncheckedIOException e) {
      // the JVM is exiting; a temporary directory is left behind
    }
  }

  private static void awaitExit(Process process) {
    try {
      process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot remove the Kafka broker's files under " + root + ": " + e, e);
    }
  }
}
