package io.dataexport.soak.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The calls the soak makes to the service's REST API (SPEC §6). Every call answers or throws {@link
 * ServiceApiException} naming the request and the answer; a killed service is a {@link
 * ServiceApiException} too, so chaos steps can treat both alike.
 */
public final class ServiceApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  // Activation waits until a deactivated runtime has drained, which may take a while.
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

  private final URI root;
  private final String apiKey;

  /**
   * @param root the API root, {@code http://host:port/api/v1/}
   * @param apiKey the API key sent with every call, or null for none (enough for {@link #healthy})
   */
  public ServiceApi(URI root, String apiKey) {
    this.root = root;
    this.apiKey = apiKey;
  }

  /** Whether {@code GET /health} answers 200 now. */
  public boolean healthy() {
    try {
      return send("GET", "health", null, Duration.ofSeconds(2)).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Creates a profile ({@code POST /profiles}); returns its id. */
  public String createProfile(JsonNode document) {
    return call("POST", "profiles", document).path("id").asText();
  }

  public void activate(String profile) {
    call("POST", "profiles/" + profile + "/activate", null);
  }

  public void deactivate(String profile) {
    call("POST", "profiles/" + profile + "/deactivate", null);
  }

  /** Starts a full re-export of one entity ({@code POST /profiles/{id}/entities/{e}/resync}). */
  public void resync(String profile, String entity) {
    call("POST", "profiles/" + profile + "/entities/" + entity + "/resync", null);
  }

  public ServiceStatus status(String profile) {
    return ServiceStatus.of(call("GET", "profiles/" + profile + "/status", null));
  }

  private JsonNode call(String method, String path, JsonNode body) {
    HttpResponse<String> response;
    try {
      response = send(method, path, body, REQUEST_TIMEOUT);
    } catch (IOException e) {
      throw new ServiceApiException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceApiException(method + " " + path + " was interrupted", e);
    }
    if (response.statusCode() >= 300) {
      throw new ServiceApiException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body(),
          null);
    }
    try {
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ServiceApiException(method + " " + path + " answered no JSON: " + e, e);
    }
  }

  private HttpResponse<String> send(String method, String path, JsonNode body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(root.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
