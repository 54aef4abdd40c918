package io.dataexport.emulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.emulator.DataverseEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A plain Web API client over real HTTP for protocol tests: gets a token the OAuth2 way and sends
 * requests with the headers a Dataverse client sends.
 */
public final class EmulatorClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final DataverseEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  public EmulatorClient(DataverseEmulator emulator) {
    this.emulator = emulator;
  }

  /** A response with its body parsed when it is JSON. */
  public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String errorCode() {
      return json.path("error").path("code").asText();
    }

    public String errorMessage() {
      return json.path("error").path("message").asText();
    }
  }

  public String token() {
    if (token == null) {
      String form =
          "grant_type=client_credentials&client_id=emulator&client_secret=emulator-secret&scope="
              + URLEncoder.encode(emulator.baseUrl() + ".default", StandardCharsets.UTF_8);
      HttpRequest request =
          HttpRequest.newBuilder(emulator.tokenUrl())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      Reply reply = send(request);
      if (reply.status() != 200) {
        throw new IllegalStateException("token request failed: " + reply.raw().body());
      }
      token = reply.json().path("access_token").asText();
    }
    return token;
  }

  /** GET a path relative to the Web API root (or an absolute link such as a nextLink). */
  public Reply get(String pathOrLink, String... headers) {
    return send(builder(pathOrLink, headers).GET().build());
  }

  public Reply post(String path, String body, String... headers) {
    return send(
        builder(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Reply patch(String path, String body, String... headers) {
    return send(
        builder(path, headers)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Reply delete(String path, String... headers) {
    return send(builder(path, headers).DELETE().build());
  }

  private HttpRequest.Builder builder(String pathOrLink, String... headers) {
    URI uri =
        pathOrLink.startsWith("http")
            ? URI.create(pathOrLink)
            : emulator.webApiRoot().resolve(pathOrLink);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .header("Accept", "application/json")
            .header("OData-Version", "4.0")
            .header("OData-MaxVersion", "4.0")
            .header("Authorization", "Bearer " + token());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json =
          type.contains("json") && !response.body().isEmpty()
              ? MAPPER.readTree(response.body())
              : MAPPER.missingNode();
      return new Reply(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new IllegalStateException("request to " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
