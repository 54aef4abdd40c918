package io.dataexport.blob.s3;

import io.dataexport.store.blob.object.ChildProcessServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: <a href="https://github.com/gaul/s3proxy">S3Proxy</a> in a child JVM
 * ({@link ChildProcessServer}), storing objects in files under a temporary directory and checking
 * request signatures (SigV2 and SigV4) against one access key. {@link #start()} picks a free port
 * on 127.0.0.1, waits until the server answers, and fails with the server's output when it does
 * not; {@link #close()} stops it and removes its files.
 *
 * <p>S3Proxy runs from its {@code jar-with-dependencies} (Maven {@code
 * org.gaul:s3proxy:4.1.0:jar-with-dependencies}), in its own JVM because its dependencies clash
 * with the AWS SDK's. The jar is found at the system property {@code dataexport.s3proxy.jar}, else
 * at {@code target/s3proxy/s3proxy.jar}; this module's build copies it there at {@code
 * generate-test-resources} (maven-dependency-plugin), and a module using this class from the
 * test-jar does the same (with dataexport-store's test-jar on its test class path too).
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The access key id S3Proxy accepts. */
  public static final String ACCESS_KEY = "dataexport-test";

  /** The region clients sign for (S3Proxy accepts any). */
  public static final String REGION = "us-east-1";

  private final ChildProcessServer server;
  private final String secretKey;

  private S3ProxyServer(ChildProcessServer server, String secretKey) {
    this.server = server;
    this.secretKey = secretKey;
  }

  /**
   * Starts a server and waits until it answers.
   *
   * @throws IllegalStateException when the jar is missing, or the server exits or does not answer
   *     within a minute; the message holds its output
   */
  public static S3ProxyServer start() {
    Path jar = jar();
    String secretKey = "secret-" + UUID.randomUUID();
    ChildProcessServer server =
        ChildProcessServer.start(
            "S3Proxy", (port, directory) -> command(jar, secretKey, port, directory), "/");
    return new S3ProxyServer(server, secretKey);
  }

  /** The JVM running S3Proxy with a configuration written into the server's directory. */
  private static List<String> command(Path jar, String secretKey, int port, Path directory)
      throws IOException {
    Path properties = directory.resolve("s3proxy.conf");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=filesystem-nio2",
            "jclouds.filesystem.basedir=" + directory.resolve("data"),
            ""));
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-jar",
        jar.toString(),
        "--properties",
        properties.toString());
  }

  /** The server's URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return server.address();
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
    return server.dataDirectory();
  }

  /** The files under the server's data directory, for tests that look at what it stored. */
  public List<Path> storedFiles() {
    return server.storedFiles();
  }

  /** The {@code blobs.*} settings of an {@code s3} blob store on a bucket of this server. */
  public Map<String, String> settings(String bucket) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("endpoint", endpoint().toString());
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
        .endpointOverride(endpoint())
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
    server.close();
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
}
