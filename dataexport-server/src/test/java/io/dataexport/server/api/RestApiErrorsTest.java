package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.auth.Role;
import io.dataexport.server.node.ServiceNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers of the REST API to requests a caller can fix: 4xx with a message, never a 500. */
class RestApiErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path data;
  private ServiceNode node;
  private String token;

  @BeforeEach
  void start() {
    node = ServiceNode.start(data, "127.0.0.1", 0, SyncSettings.defaults());
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static ObjectNode document(String name) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {"name": "%s", "entities": ["account"],
             "source": {"url": "http://127.0.0.1:1",
               "auth": {"tokenUrl": "http://127.0.0.1:1/t/oauth2/v2.0/token", "clientId": "app", "clientSecret": "s3cret"}}}
            """
                .formatted(name));
  }

  @Test
  void aProfileAsReadCanBeSentBackUnchanged() throws Exception {
    String id = call("POST", "profiles", document("sales"), 201).path("id").asText();
    JsonNode read = call("GET", "profiles/" + id, null, 200);

    JsonNode updated = call("PUT", "profiles/" + id, read, 200);

    assertThat(updated.path("name").asText()).isEqualTo("sales");
    assertThat(updated.toString()).doesNotContain("s3cret");
  }

  @Test
  void renamingOntoAnotherProfilesNameIsAConflict() throws Exception {
    call("POST", "profiles", document("sales"), 201);
    String id = call("POST", "profiles", document("marketing"), 201).path("id").asText();

    JsonNode error = call("PUT", "profiles/" + id, document("Sales"), 409).path("error");

    assertThat(error.path("message").asText()).contains("Sales");
    assertThat(call("GET", "profiles", null, 200).findValuesAsText("name"))
        .containsExactlyInAnyOrder("sales", "marketing");
  }

  @Test
  void resyncingAnUnknownProfileIsNotFound() throws Exception {
    assertThat(
            call("POST", "profiles/nosuch/entities/account/resync", null, 404)
                .path("error")
                .path("code")
                .asText())
        .isEqualTo("profileNotFound");
  }

  private JsonNode call(String method, String path, JsonNode body, int expectedStatus)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/" + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(expectedStatus);
    return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** An admin key of the node, made on first use. */
  private String token() {
    if (token == null) {
      token = node.keys().issue("test", Role.ADMIN).token();
    }
    return token;
  }
}
