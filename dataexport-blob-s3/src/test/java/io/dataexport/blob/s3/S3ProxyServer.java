package io.dataexport.blob.s3;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: <a href="https://github.com/gaul/s3proxy">S3Proxy</a> in a child JVM,
 * storing objects in files under a temporary directory and checking request signatures (SigV2 and
 * SigV4) against one access key. {@link #start()} picks a free port on 127.0.0.1, waits until the
 * server answers, and fails with the server's output when it does not; {@link #close()} stops it
 * and removes its files.
 *
 * <p>S3Proxy runs from its {@code jar-with-dependencies} (Maven {@code
 * org.gaul:s3proxy:4.1.0:jar-with-dependencies}), in its own JVM because its dependencies clash
 * with the AWS SDK's. The jar is found at the system property {@code dataexport.s3proxy.jar}, else
 * at {@code target/s3proxy/s3proxy.jar}; this module's build copies it there at {@code
 * generate-test-resources} (maven-dependency-plugin), and a module using this class from the
 * test-jar does the same.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The access key id S3Proxy accepts. */
  public static final String ACCESS_KEY = "dataexport-test";

  /** The region clients sign for (S3Proxy accepts any). */
  public static final String REGION = "us-east-1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final Path directory;
  private final Path output;
  private final URI endpoint;
  private final String secretKey;
  private final Thread stopAtExit;

  private S3ProxyServer(
      Process process, Path directory, Path output, URI endpoint, String secretKey) {
    this.process = process;
    this.directory = directory;
    this.output = output;
    this.endpoint = endpoint;
    this.secretKey = secretKey;
    // A test run that ends without closing the server must not leave it running.
    this.stopAtExit = new Thread(process::destroyForcibly, "s3proxy-stop");
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /**
   * Starts a server and waits until it answers.
   *
   * @throws IllegalStateException when the jar is missing, or the server exits or does not answer
   *     within a minute; the message holds its output
   */
  public static S3ProxyServer start() {
    Path jar = jar();
    try {
      Path directory = Files.createTempDirectory("s3proxy-");
      Path data = Files.createDirectories(directory.resolve("data"));
      Path output = directory.resolve("s3proxy.log");
      int port = freePort();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      String secretKey = "secret-" + UUID.randomUUID();
      Path properties = directory.resolve("s3proxy.conf");
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.endpoint=" + endpoint,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + secretKey,
              "jclouds.provider=filesystem-nio2",
              "jclouds.filesystem.basedir=" + data,
              ""));
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-jar",
                  jar.toString(),
                  "--properties",
                  properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      S3ProxyServer server = new S3ProxyServer(process, directory, output, endpoint, secretKey);
      server.awaitAnswer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start S3Proxy from " + jar + ": " + e, e);
    }
  }

  /** The server's URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  /** The access key id the server accepts ({@link #ACCESS_KEY}). */
  public String accessKey() {
    return ACCESS_KEY;
  }

  /** The secret key the server checks signatures with; new for each server. */
  public String secretKey() {
    return secretKey;
  }

  /** Where the server keeps its objects, one directory per bucket. */
  public Path dataDirectory() {
    return directory.resolve("data");
  }

  /** The {@code blobs.*} settings of an {@code s3} blob store on a bucket of this server. */
  public Map<String, String> settings(String bucket) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("endpoint", endpoint.toString());
    settings.put("region", REGION);
    settings.put("bucket", bucket);
    settings.put("accessKey", ACCESS_KEY);
    settings.put("secretKey", secretKey);
    settings.put("pathStyle", "true");
    return settings;
  }

  /** A client of this server with its credentials; the caller closes it. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secretKey)))
        .build();
  }

  /** Creates a bucket. */
  public void createBucket(String bucket) {
    try (S3Client client = client()) {
      client.createBucket(request -> request.bucket(bucket));
    }
  }

  /** Stops the server and removes its files. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook stops the server
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

  /** Whether the server answers HTTP at all (an unsigned request is refused, which is fine). */
  private boolean answers() {
    try {
      HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
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
        "S3Proxy at " + endpoint + " " + what + ". Its output:\n" + log);
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("dataexport.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "S3Proxy's jar is not at "
              + jar.toAbsolutePath()
              + ". Run the tests through Maven (mvn test -pl dataexport-blob-s3 -am), whose"
              + " generate-test-resources phase copies org.gaul:s3proxy:jar-with-dependencies"
              + " there, or set -Ddataexport.s3proxy.jar to the jar.");
    }
    return jar;
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
      throw new UncheckedIOException("Cannot remove S3Proxy's files under " + root + ": " + e, e);
    }
  }

  /** The files under the server's data directory, for tests that look at what it stored. */
  public List<Path> storedFiles() {
    try (Stream<Path> paths = Files.walk(dataDirectory())) {
      return paths.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
