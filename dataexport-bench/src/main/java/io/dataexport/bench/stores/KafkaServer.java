package io.dataexport.bench.stores;

import io.dataexport.bench.TempDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka bus of the shared stores and the cluster scenario: one KRaft node (broker and
 * controller in one process) in a child JVM, its log directory under a temporary directory, on two
 * free ports of 127.0.0.1. The broker's jars ({@code kafka_2.13} and what it needs beyond the
 * harness) are the ones the bench's build copies to {@code dataexport-bench/target/kafka}, put
 * before the harness's own jar on the child's class path; in a child JVM so that the broker's Scala
 * and server libraries stay off the harness's class path, as S3Proxy's do. {@link #close} stops it
 * and removes its files.
 */
final class KafkaServer implements AutoCloseable {
  /** The system property that names the directory of the broker's jars instead of the build's. */
  static final String JARS_PROPERTY = "dataexport.kafka.jars";

  private static final String HOST = "127.0.0.1";
  private static final long START_SECONDS = 90;
  private static final long STOP_SECONDS = 20;

  private final TempDirectory files;
  private final int port;
  private Process process;

  private KafkaServer(TempDirectory files, int port) {
    this.files = files;
    this.port = port;
  }

  /**
   * Formats a fresh log directory and starts the broker on it, waiting until it answers an admin
   * request.
   *
   * @throws IllegalStateException when it exits or does not answer within 90 s, with the end of its
   *     output
   */
  static KafkaServer start() {
    TempDirectory files = TempDirectory.create("dataexport-bench-kafka-");
    KafkaServer server;
    try {
      server = new KafkaServer(files, freePort());
      Path settings = files.path().resolve("server.properties");
      Files.writeString(
          settings,
          server.settings(freePort(), files.path().resolve("logs")),
          StandardCharsets.UTF_8);
      String classPath = classPath();
      server.runToEnd(
          classPath,
          List.of(
              "kafka.tools.StorageTool",
              "format",
              "--standalone",
              "--cluster-id",
              clusterId(),
              "--config",
              settings.toString()),
          "format.log");
      server.process =
          server.java(classPath, List.of("kafka.Kafka", settings.toString()), "broker.log");
      Runtime.getRuntime().addShutdownHook(new Thread(server::kill, "bench-kafka-stop"));
    } catch (IOException e) {
      files.close();
      throw new UncheckedIOException("Cannot start the Kafka broker: " + e, e);
    } catch (RuntimeException e) {
      files.close();
      throw e;
    }
    try {
      server.awaitAnswer();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** {@code 127.0.0.1:<port>}: the {@code bus.bootstrapServers} of a node. */
  String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** Stops the broker (forcibly after 20 s) and removes its files. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
      if (!exited(process)) {
        process.destroyForcibly();
        exited(process);
      }
      process = null;
    }
    files.close();
  }

  @Override
  public String toString() {
    return "KafkaServer[" + bootstrapServers() + "]";
  }

  private synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  private String settings(int controllerPort, Path logs) {
    String controller = HOST + ":" + controllerPort;
    return String.join(
        "\n",
        "# the benchmark's single-node KRaft cluster",
        "node.id=1",
        "process.roles=broker,controller",
        "listeners=PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller,
        "advertised.listeners=PLAINTEXT://" + bootstrapServers(),
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "controller.quorum.bootstrap.servers=" + controller,
        "log.dirs=" + logs,
        // one broker: every internal topic with one replica
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // the service creates its topics itself; a new group starts at once
        "auto.create.topics.enable=false",
        "group.initial.rebalance.delay.ms=0",
        "log.cleaner.enable=false",
        "");
  }

  /** Runs a tool to its end; fails with its output when it fails. */
  private void runToEnd(String classPath, List<String> command, String log) throws IOException {
    Process tool = java(classPath, command, log);
    try {
      if (!tool.waitFor(START_SECONDS, TimeUnit.SECONDS) || tool.exitValue() != 0) {
        tool.destroyForcibly();
        throw new IllegalStateException(
            "Kafka's " + command.getFirst() + " failed:\n" + tail(files.path().resolve(log)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tool.destroyForcibly();
      throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
    }
  }

  private Process java(String classPath, List<String> arguments, String log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xms256m", "-Xmx512m", "-cp", classPath));
    command.addAll(arguments);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(files.path().resolve(log).toFile())
        .start();
  }

  private void awaitAnswer() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw notStarted("exited with status " + process.exitValue());
      }
      try (Admin admin =
          Admin.create(
              Map.<String, Object>of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
        admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw notStarted("was interrupted while starting");
      } catch (Exception notYet) {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw notStarted("was interrupted while starting");
        }
      }
    }
    throw notStarted("did not answer within " + START_SECONDS + " s");
  }

  private IllegalStateException notStarted(String what) {
    return new IllegalStateException(
        "The Kafka broker on "
            + bootstrapServers()
            + " "
            + what
            + ". The end of its output:\n"
            + tail(files.path().resolve("broker.log")));
  }

  /**
   * The broker's class path: every jar in {@code kafka/} beside the harness (or the directory
   * {@value #JARS_PROPERTY} names), then the harness's own class path (Kafka's client library,
   * logging).
   *
   * @throws IllegalStateException when the directory holds no jar, saying how to get them
   */
  static String classPath() {
    String property = System.getProperty(JARS_PROPERTY);
    Path directory =
        property != null && !property.isBlank()
            ? Path.of(property)
            : S3Proxy.harnessLocation().resolveSibling("kafka");
    List<String> entries = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
        jars.forEach(jar -> entries.add(jar.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + directory + ": " + e, e);
      }
    }
    if (entries.isEmpty()) {
      throw new IllegalStateException(
          String.format(
              "The Kafka broker's jars are not in %s. Build the harness with bench/run (the"
                  + " bench's build copies kafka_2.13 and its libraries there; delete"
                  + " dataexport-bench/target/dataexport-bench.jar to rebuild it), or name the"
                  + " directory with -D%s=DIR in BENCH_JAVA_OPTS.",
              directory.toAbsolutePath(), JARS_PROPERTY));
    }
    entries.sort(null);
    entries.add(System.getProperty("java.class.path"));
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** A KRaft cluster id: 16 random bytes in URL-safe base64 without padding. */
  private static String clusterId() {
    UUID uuid = UUID.randomUUID();
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot be read: " + e + ")";
    }
  }

  private static boolean exited(Process process) {
    try {
      return process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
