package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.config.ConfigKeys;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import io.dataexport.server.tls.SelfSignedCertificates;
import io.dataexport.server.tls.SelfSignedCertificates.PemPair;
import io.dataexport.server.tls.TrustedCertificates;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over TLS (SPEC §9): with {@code api.tls.*} the server answers HTTPS on {@code api.port}
 * and nothing over plain HTTP; clients that trust its certificate, the CLI with {@code
 * --ca-certificate} among them, talk to it; a key store it cannot open stops it at start.
 */
class TlsEndToEndTest {
  private static final String PASSWORD = "Tls-Store-Pw-Never-Shown";
  // the content type byte of a TLS alert record
  private static final String TLS_ALERT = "\u0015";

  @TempDir Path directory;

  @Test
  void withAKeyStoreTheServerAnswersHttpsOnlyAndTheCliTrustsItsCertificate() throws Exception {
    Path keyStore = SelfSignedCertificates.pkcs12(directory.resolve("api.p12"), PASSWORD, "RSA");
    Path certificate =
        SelfSignedCertificates.pem(keyStore, PASSWORD, directory.resolve("api")).certificate();
    int port = ServerLaunch.freePort();
    Path config = directory.resolve("dataexport.yaml");
    Files.writeString(
        config,
        """
        api:
          host: 127.0.0.1
          port: %d
          tls:
            keyStore: %s
        data: %s
        """
            .formatted(port, keyStore, directory.resolve("data")));

    Process server =
        ServerLaunch.start(
            directory,
            List.of("--config", config.toString()),
            Map.of("DATAEXPORT_API_TLS_KEY_STORE_PASSWORD", PASSWORD));
    try {
      HttpClient trusting =
          HttpClient.newBuilder().sslContext(TrustedCertificates.of(certificate)).build();
      String https = "https://localhost:" + port + "/api/v1/";
      ServerLaunch.awaitHealthy(server, trusting, https + "health", directory);

      // the admin key the service printed on its first start
      Matcher printed =
          Pattern.compile("dxk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")
              .matcher(Files.readString(directory.resolve("server.out")));
      assertThat(printed.find()).as("the first start prints an admin key").isTrue();
      String key = printed.group();
      HttpResponse<String> profiles =
          trusting.send(
              HttpRequest.newBuilder(URI.create(https + "profiles"))
                  .header("Authorization", "Bearer " + key)
                  .build(),
              ofString());
      assertThat(profiles.statusCode()).isEqualTo(200);
      assertThat(profiles.body()).isEqualTo("[]");
      assertThat(profiles.sslSession()).isPresent();
      assertThat(profiles.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
      assertThat(Files.readString(directory.resolve("server.out")))
          .contains("API:  https://127.0.0.1:" + port + "/api/v1/");

      assertThat(plainHttpAnswer(port))
          .as("bytes a plain HTTP request gets back: none, or a TLS alert record")
          .satisfiesAnyOf(
              answer -> assertThat(answer).isEmpty(),
              answer -> assertThat(answer).startsWith(TLS_ALERT))
          .doesNotContain("HTTP/1.");
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(get("http://127.0.0.1:" + port + "/api/v1/health"), ofString()))
          .as("a plain HTTP client gets no answer")
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> HttpClient.newHttpClient().send(get(https + "health"), ofString()))
          .as("a client that does not trust the self-signed certificate")
          .isInstanceOf(SSLHandshakeException.class);

      SyncFixture.Cli trusted =
          SyncFixture.cli(
              "profile", "--server", "https://localhost:" + port, "--token", key, "list");
      assertThat(trusted.exitCode()).isEqualTo(2);
      assertThat(trusted.err())
          .contains("presented a certificate this client does not trust", "--ca-certificate");

      SyncFixture.Cli listed =
          SyncFixture.cli(
              "profile",
              "--server",
              "https://localhost:" + port,
              "--ca-certificate",
              certificate.toString(),
              "--token",
              key,
              "list");
      assertThat(listed.exitCode()).as(listed.err()).isZero();
      assertThat(listed.out().strip()).isEqualTo("[ ]");
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
    }
    assertThat(Files.readString(directory.resolve("server.out"))).doesNotContain(PASSWORD);
    assertThat(Files.readString(directory.resolve("server.err"))).doesNotContain(PASSWORD);
  }

  @Test
  void pemFilesWithAnEcKeyServeHttpsOnTheIpAddressTheCertificateNames() throws Exception {
    PemPair pem =
        SelfSignedCertificates.pem(
            SelfSignedCertificates.pkcs12(directory.resolve("ec.p12"), PASSWORD, "EC"),
            PASSWORD,
            directory.resolve("ec"));
    ServiceConfig config =
        ServiceConfig.load(
            null,
            Map.of(),
            Map.of(
                ConfigKeys.DATA, directory.resolve("data").toString(),
                ConfigKeys.API_PORT, "0",
                ConfigKeys.API_TLS_CERTIFICATE, pem.certificate().toString(),
                ConfigKeys.API_TLS_PRIVATE_KEY, pem.privateKey().toString()));

    try (ServiceNode node = ServiceNode.start(config, SyncSettings.defaults())) {
      HttpClient trusting =
          HttpClient.newBuilder().sslContext(TrustedCertificates.of(pem.certificate())).build();
      HttpResponse<String> health =
          trusting.send(get("https://127.0.0.1:" + node.port() + "/api/v1/health"), ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
      assertThat(plainHttpAnswer(node.port())).doesNotContain("HTTP/1.");
    }
  }

  @Test
  void aWrongKeyStorePasswordStopsTheServerAtStartWithEveryProblemListed() throws Exception {
    Path keyStore = SelfSignedCertificates.pkcs12(directory.resolve("api.p12"), PASSWORD, "RSA");
    Path data = directory.resolve("never-created");

    Process server =
        ServerLaunch.start(
            directory,
            List.of("--data", data.toString()),
            Map.of(
                "DATAEXPORT_API_PORT", "eighty",
                "DATAEXPORT_API_TLS_KEY_STORE", keyStore.toString(),
                "DATAEXPORT_API_TLS_KEY_STORE_PASSWORD", "Wrong-Pw-Never-Shown"));

    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server exits by itself").isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertThat(Files.readString(directory.resolve("server.err")))
        .contains("The configuration has 2 problems:")
        .contains("api.port = 'eighty': must be a whole number")
        .contains(
            "api.tls.keyStorePassword: does not open the key store (or its key). Give the password"
                + " the key store was made with. (set by DATAEXPORT_API_TLS_KEY_STORE_PASSWORD)")
        .doesNotContain("Wrong-Pw-Never-Shown", PASSWORD)
        .doesNotContain("\tat ");
    assertThat(data).doesNotExist();
  }

  /**
   * Sends a plain HTTP request to the port and returns what comes back (nothing, or a TLS alert)
   * until the server closes the connection.
   */
  private static String plainHttpAnswer(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      try {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (SocketException reset) {
        return "";
      }
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
