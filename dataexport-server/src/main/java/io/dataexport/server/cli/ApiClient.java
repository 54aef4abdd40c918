package io.dataexport.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.server.tls.TlsFileException;
import io.dataexport.server.tls.TrustedCertificates;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/** The CLI's view of the REST API: sends a request, returns the status and JSON answer. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final String token;
  private final HttpClient http;

  /**
   * @param token the API key or OpenID Connect token sent as {@code Authorization: Bearer}, or null
   *     for none
   * @param caCertificate the certificate file (PEM) to trust for an {@code https} server instead of
   *     the JDK's authorities, e.g. a self-signed one; empty for the JDK's
   * @throws IllegalStateException when {@code server} is not an http(s) URL or the certificate file
   *     cannot be used (the message says so)
   */
  ApiClient(String server, String token, Optional<Path> caCertificate) {
    URI uri;
    try {
      uri = new URI(server.endsWith("/") ? server : server + "/");
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalStateException(
          "--server '" + server + "' is not an http(s) URL; give e.g. http://localhost:8080.");
    }
    this.base = uri;
    HttpClient.Builder http = HttpClient.newBuilder();
    if (caCertificate.isPresent()) {
      try {
        http.sslContext(TrustedCertificates.of(caCertificate.get()));
      } catch (TlsFileException e) {
        throw new IllegalStateException(
            "--ca-certificate '" + caCertificate.get() + "' " + e.getMessage());
      }
    }
    this.http = http.build();
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  /** An answer: status and body (a JSON null node when there is none). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** An answer as text, for bodies that are not JSON (a CSV download). */
  record TextAnswer(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Sends a request and reads the JSON answer.
   *
   * @throws IllegalStateException when the service cannot be reached (the message says what to do)
   */
  Answer send(String method, String path, JsonNode body) {
    TextAnswer answer = sendForText(method, path, body);
    try {
      JsonNode json = answer.body().isBlank() ? JSON.nullNode() : JSON.readTree(answer.body());
      return new Answer(answer.status(), json);
    } catch (IOException e) {
      throw new IllegalStateException("The answer of " + base + " is not JSON: " + e.getMessage());
    }
  }

  /**
   * Sends a request and returns the answer's body as it came.
   *
   * @throws IllegalStateException when the service cannot be reached (the message says what to do)
   */
  TextAnswer sendForText(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("api/v1/" + path))
            .header("Accept", "application/json, text/csv");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new TextAnswer(response.statusCode(), response.body());
    } catch (ConnectException e) {
      throw new IllegalStateException(
          "Cannot reach the service at "
              + base
              + ". Start it with './dataexport server' or pass --server URL.");
    } catch (SSLHandshakeException e) {
      throw new IllegalStateException(
          "The service at "
              + base
              + " presented a certificate this client does not trust ("
              + e.getMessage()
              + "). For a self-signed certificate pass it with --ca-certificate FILE or"
              + " DATAEXPORT_CA_CERTIFICATE; the URL's host must be one the certificate names.");
    } catch (IOException e) {
      throw new IllegalStateException(
          "The request to "
              + base
              + " failed: "
              + e.getMessage()
              + ("http".equalsIgnoreCase(base.getScheme())
                  ? ". If the service runs with TLS, use an https:// URL."
                  : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
