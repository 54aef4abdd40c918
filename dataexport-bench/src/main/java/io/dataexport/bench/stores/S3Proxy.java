package io.dataexport.bench.stores;

import io.dataexport.bench.TempDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 server of the shared stores: <a href="https://github.com/gaul/s3proxy">S3Proxy</a> from
 * its {@code jar-with-dependencies} in a child JVM (its dependencies clash with the AWS SDK's),
 * keeping objects in files under a temporary directory and checking every request's signature
 * against a key pair made up for this run. {@link #close} stops it and removes its files.
 *
 * <p>The jar is the one the bench's build copies beside the harness ({@code
 * dataexport-bench/target/s3proxy/s3proxy.jar}, next to {@code dataexport-bench.jar} and {@code
 * classes}), or the file the system property {@value #JAR_PROPERTY} names.
 *
 * @param process the child JVM
 * @param files its settings, output and objects; removed on {@link #close}
 * @param endpoint its URL
 * @param secretKey the secret of the one access key it accepts, made up for this run
 */
record S3Proxy(Process process, TempDirectory files, URI endpoint, String secretKey)
    implements AutoCloseable {
  /** The system property that names S3Proxy's jar instead of the build's copy. */
  static final String JAR_PROPERTY = "dataexport.s3proxy.jar";

  private static final String ACCESS_KEY = "dataexport-bench";
  private static final String REGION = "us-east-1";
  private static final long START_SECONDS = 60;
  private static final long STOP_SECONDS = 10;

  /**
   * Starts S3Proxy from a jar on a free port of 127.0.0.1 and waits until it accepts connections.
   *
   * @param jar S3Proxy's {@code jar-with-dependencies}, see {@link #jar()}
   * @throws IllegalStateException when the server exits or is not listening within a minute; the
   *     message holds its output
   */
  static S3Proxy start(Path jar) {
    TempDirectory files = TempDirectory.create("dataexport-bench-s3proxy-");
    S3Proxy server;
    int port;
    try {
      port = freePort();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      String secretKey = HexFormat.of().formatHex(SharedStores.randomBytes(16));
      Path conf = files.path().resolve("s3proxy.properties");
      try (var out = Files.newBufferedWriter(conf, StandardCharsets.UTF_8)) {
        settings(endpoint, secretKey, Files.createDirectory(files.path().resolve("objects")))
            .store(out, "S3Proxy of the benchmark harness");
      }
      String java = ProcessHandle.current().info().command().orElse("java");
      Process process =
          new ProcessBuilder(
                  java, "-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(log(files).toFile())
              .start();
      // an interrupted harness (Ctrl-C) must not leave the child JVM behind; after close a no-op
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "bench-s3proxy"));
      server = new S3Proxy(process, files, endpoint, secretKey);
    } catch (IOException e) {
      files.close();
      throw new UncheckedIOException("Cannot start S3Proxy from " + jar + ": " + e, e);
    }
    try {
      server.awaitListening(port);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static Properties settings(URI endpoint, String secretKey, Path objects) {
    Properties settings = new Properties();
    settings.setProperty("s3proxy.endpoint", endpoint.toString());
    settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    settings.setProperty("s3proxy.identity", ACCESS_KEY);
    settings.setProperty("s3proxy.credential", secretKey);
    settings.setProperty("jclouds.provider", "filesystem-nio2");
    settings.setProperty("jclouds.filesystem.basedir", objects.toString());
    return settings;
  }

  /**
   * S3Proxy's jar: the file {@value #JAR_PROPERTY} names, else {@code s3proxy/s3proxy.jar} beside
   * the harness's jar (or class directory).
   *
   * @throws IllegalStateException when it is not there, saying how to get it
   */
  static Path jar() {
    Path jar = jar(System.getProperty(JAR_PROPERTY), harnessLocation());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          String.format(
              "S3Proxy's jar is not at %s. Build the harness with bench/run (the bench's build"
                  + " copies org.gaul:s3proxy:jar-with-dependencies there; delete"
                  + " dataexport-bench/target/dataexport-bench.jar to rebuild it), or name the jar"
                  + " with -D%s=FILE in BENCH_JAVA_OPTS.",
              jar.toAbsolutePath(), JAR_PROPERTY));
    }
    return jar;
  }

  /** Where the jar is: {@code property} when set, else beside {@code harness}. */
  static Path jar(String property, Path harness) {
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    return harness.resolveSibling("s3proxy").resolve("s3proxy.jar");
  }

  /**
   * The {@code blobs.*} settings of an {@code s3} blob store in a bucket of this server, as {@code
   * DATAEXPORT_BLOBS_} variables; the secret key among them.
   *
   * @param prefix where the store's objects go in the bucket
   */
  Map<String, String> environment(String bucket, String prefix) {
    return Map.of(
        "DATAEXPORT_BLOBS_TYPE", "s3",
        "DATAEXPORT_BLOBS_ENDPOINT", endpoint.toString(),
        "DATAEXPORT_BLOBS_REGION", REGION,
        "DATAEXPORT_BLOBS_BUCKET", bucket,
        "DATAEXPORT_BLOBS_PREFIX", prefix,
        "DATAEXPORT_BLOBS_ACCESS_KEY", ACCESS_KEY,
        "DATAEXPORT_BLOBS_SECRET_KEY", secretKey,
        "DATAEXPORT_BLOBS_PATH_STYLE", "true");
  }

  /** Creates a bucket, as an S3 client would. */
  void createBucket(String bucket) {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(REGION))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secretKey)))
            .build()) {
      client.createBucket(request -> request.bucket(bucket));
    }
  }

  /** Stops the server (forcibly when it does not stop within 10 s) and removes its objects. */
  @Override
  public void close() {
    process.destroy();
    if (!exited()) {
      process.destroyForcibly();
      exited();
    }
    files.close();
  }

  private boolean exited() {
    try {
      return process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Without the secret key. */
  @Override
  public String toString() {
    return "S3Proxy[" + endpoint + "]";
  }

  private void awaitListening(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw notStarted("exited with status " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw notStarted("was interrupted while starting");
        }
      }
    }
    throw notStarted("was not listening after " + START_SECONDS + " s");
  }

  private IllegalStateException notStarted(String what) {
    String output;
    try {
      output = Files.readString(log(files), StandardCharsets.UTF_8);
    } catch (IOException e) {
      output = "(cannot be read: " + e + ")";
    }
    return new IllegalStateException(
        "S3Proxy on " + endpoint + " " + what + ". Output:\n" + output);
  }

  private static Path log(TempDirectory files) {
    return files.path().resolve("s3proxy.log");
  }

  static Path harnessLocation() {
    try {
      return Path.of(S3Proxy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot tell where the harness runs from: " + e, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
