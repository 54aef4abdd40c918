package io.dataexport.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.server.auth.Role;
import io.dataexport.server.node.ServiceNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Plain HTTP calls on a running service, as an administrator's tools make them. */
final class ApiCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  /** Calls with an admin key made for them in the node's store. */
  ApiCalls(ServiceNode node) {
    this(node.port(), adminKey(node));
  }

  /**
   * @param token the API key sent as {@code Authorization: Bearer}
   */
  ApiCalls(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  /** A new admin key of a node, under a name of its own. */
  static String adminKey(ServiceNode node) {
    return node.keys().issue("test-" + UUID.randomUUID(), Role.ADMIN).token();
  }

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param contentType its Content-Type, or empty
   * @param body its body as text
   */
  record Response(int status, String contentType, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Response post(String path) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  Response delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Response(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }
}
