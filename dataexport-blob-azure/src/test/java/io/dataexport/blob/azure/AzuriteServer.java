package io.dataexport.blob.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Azure Blob Storage service for tests: <a
 * href="https://github.com/Azure/Azurite">Azurite</a>'s blob service as a child process ({@code
 * node}), keeping its data under a temporary directory and checking Shared Key signatures for the
 * well-known development account {@code devstoreaccount1}. {@link #start()} picks a free port on
 * 127.0.0.1, waits until the service answers, and fails with its output when it does not; {@link
 * #close()} stops it and removes its files.
 *
 * <p>Azurite comes from the npm registry at the version {@code src/test/azurite/package-lock.json}
 * pins; this module's build installs it into {@code target/azurite} ({@code npm ci} at {@code
 * generate-test-resources}). It is found at the system property {@code dataexport.azurite.home},
 * else at {@code target/azurite}; Node.js ({@code node}) must be on the PATH. Telemetry is switched
 * off.
 */
public final class AzuriteServer implements AutoCloseable {
  /** The development account Azurite serves. */
  public static final String ACCOUNT_NAME = "devstoreaccount1";

  /** The development account's key, published with Azurite (not a secret). */
  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final Path directory;
  private final Path output;
  private final URI endpoint;
  private final Thread stopAtExit;

  private AzuriteServer(Process process, Path directory, Path output, URI endpoint) {
    this.process = process;
    this.directory = directory;
    this.output = output;
    this.endpoint = endpoint;
    // A test run that ends without closing the service must not leave it running.
    this.stopAtExit = new Thread(process::destroyForcibly, "azurite-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /**
   * Starts the blob service and waits until it answers.
   *
   * @throws IllegalStateException when Azurite is not installed, or exits or does not answer within
   *     a minute; the message holds its output
   */
  public static AzuriteServer start() {
    Path main = main();
    try {
      Path directory = Files.createTempDirectory("azurite-");
      Path data = Files.createDirectories(directory.resolve("data"));
      Path output = directory.resolve("azurite.log");
      int port = freePort();
      Process process =
          new ProcessBuilder(
                  "node",
                  main.toString(),
                  "--blobHost",
                  "127.0.0.1",
                  "--blobPort",
                  Integer.toString(port),
                  "--location",
                  data.toString(),
                  "--skipApiVersionCheck",
                  "--disableTelemetry",
                  "--silent")
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      AzuriteServer server =
          new AzuriteServer(
              process,
              directory,
              output,
              URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT_NAME));
      server.awaitAnswer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start Azurite (" + main + ") with node: " + e + ". Is Node.js installed?", e);
    }
  }

  /**
   * The blob service URL of the development account, e.g. {@code
   * http://127.0.0.1:41234/devstoreaccount1}.
   */
  public URI endpoint() {
    return endpoint;
  }

  /** The connection string of the development account on this server. */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT_NAME
        + ";AccountKey="
        + ACCOUNT_KEY
        + ";BlobEndpoint="
        + endpoint
        + ";";
  }

  /** Where the service keeps its data. */
  public Path dataDirectory() {
    return directory.resolve("data");
  }

  /** The {@code blobs.*} settings of an {@code azure} blob store on a container of this server. */
  public Map<String, String> settings(String container) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("connectionString", connectionString());
    settings.put("container", container);
    return settings;
  }

  /** A client of this server with the development account. */
  public BlobServiceClient client() {
    return new BlobServiceClientBuilder().connectionString(connectionString()).buildClient();
  }

  /** The files under the service's data directory, for tests that look at what it stored. */
  public List<Path> storedFiles() {
    try (Stream<Path> paths = Files.walk(dataDirectory())) {
      return paths.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the service and removes its files. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook stops the service
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteRecursively(directory);
  }

  private void awaitAnswer() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw failedToStart("exited with status " + process.exitValue());
      }
      if (answers()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw failedToStart("was interrupted while waiting for it");
      }
    }
    close();
    throw failedToStart("did not answer within " + START_TIMEOUT.toSeconds() + " s");
  }

  /** Whether the service answers HTTP at all (an unsigned request is refused, which is fine). */
  private boolean answers() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(endpoint + "?comp=list").toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(1000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private IllegalStateException failedToStart(String what) {
    String log;
    try {
      log = Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      log = "(its output cannot be read: " + e + ")";
    }
    return new IllegalStateException(
        "Azurite at " + endpoint + " " + what + ". Its output:\n" + log);
  }

  private static Path main() {
    Path home = Path.of(System.getProperty("dataexport.azurite.home", "target/azurite"));
    Path main = home.resolve("node_modules/azurite/dist/src/blob/main.js");
    if (!Files.isRegularFile(main)) {
      throw new IllegalStateException(
          "Azurite is not installed in "
              + home.toAbsolutePath()
              + ". Run the tests through Maven (mvn test -pl dataexport-blob-azure -am), whose"
              + " generate-test-resources phase installs it there with npm ci, or set"
              + " -Ddataexport.azurite.home to a directory holding node_modules/azurite.");
    }
    return main;
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
      throw new UncheckedIOException("Cannot remove Azurite's files under " + root + ": " + e, e);
    }
  }
}
