package io.dataexport.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The CLI's view of the REST API: sends a request, returns the status and JSON answer. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param token the API key or OpenID Connect token sent as {@code Authorization: Bearer}, or null
   *     for none
   * @throws IllegalStateException when {@code server} is not an http(s) URL (the message says so)
   */
  ApiClient(String server, String token) {
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
    } catch (IOException e) {
      throw new IllegalStateException("The request to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
