package io.dataexport.blob.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.dataexport.store.blob.object.ChildProcessServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Azure Blob Storage service for tests: <a
 * href="https://github.com/Azure/Azurite">Azurite</a>'s blob service as a child process ({@code
 * node}, run by {@link ChildProcessServer}), keeping its data under a temporary directory and
 * checking Shared Key signatures for the well-known development account {@code devstoreaccount1}.
 * {@link #start()} picks a free port on 127.0.0.1, waits until the service answers, and fails with
 * its output when it does not; {@link #close()} stops it and removes its files.
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

  private final ChildProcessServer server;

  private AzuriteServer(ChildProcessServer server) {
    this.server = server;
  }

  /**
   * Starts the blob service and waits until it answers.
   *
   * @throws IllegalStateException when Azurite is not installed, or exits or does not answer within
   *     a minute; the message holds its output
   * @throws java.io.UncheckedIOException when {@code node} cannot be run
   */
  public static AzuriteServer start() {
    Path main = main();
    return new AzuriteServer(
        ChildProcessServer.start(
            "Azurite",
            (port, directory) ->
                List.of(
                    "node",
                    main.toString(),
                    "--blobHost",
                    "127.0.0.1",
                    "--blobPort",
                    Integer.toString(port),
                    "--location",
                    directory.resolve("data").toString(),
                    "--skipApiVersionCheck",
                    "--disableTelemetry",
                    "--silent"),
            "/" + ACCOUNT_NAME + "?comp=list"));
  }

  /**
   * The blob service URL of the development account, e.g. {@code
   * http://127.0.0.1:41234/devstoreaccount1}.
   */
  public URI endpoint() {
    return URI.create(server.address() + "/" + ACCOUNT_NAME);
  }

  /** The connection string of the development account on this server. */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT_NAME
        + ";AccountKey="
        + ACCOUNT_KEY
        + ";BlobEndpoint="
        + endpoint()
        + ";";
  }

  /** Where the service keeps its data. */
  public Path dataDirectory() {
    return server.dataDirectory();
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
    return server.storedFiles();
  }

  /** Stops the service and removes its files. */
  @Override
  public void close() {
    server.close();
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
}
