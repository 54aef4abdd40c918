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
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @throws IllegalStateException when {@code server} is not an http(s) URL (the message says so)
   */
  ApiClient(String server) {
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
  }

  /** An answer: status and body (a JSON null node when there is none). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  Answer send(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("api/v1/" + path)).header("Accept", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json);
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
