package io.dataexport.dataverse.testing;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Changes records through the emulator's Web API, as a CRM user's client would. */
public final class WebApiWriter {
  private static final Pattern ENTITY_ID = Pattern.compile("\\(([0-9a-fA-F-]{36})\\)");

  private final DataverseEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();
  private String token;

  public WebApiWriter(DataverseEmulator emulator) {
    this.emulator = emulator;
  }

  /** Creates a record; returns its id. */
  public UUID create(String entitySet, String json) {
    HttpResponse<String> response =
        send(request(entitySet).POST(HttpRequest.BodyPublishers.ofString(json)));
    Matcher id = ENTITY_ID.matcher(response.headers().firstValue("OData-EntityId").orElse(""));
    if (!id.find()) {
      throw new IllegalStateException("no OData-EntityId in the answer to POST " + entitySet);
    }
    return UUID.fromString(id.group(1));
  }

  public void update(String entitySet, UUID id, String json) {
    send(
        request(entitySet + "(" + id + ")")
            .header("If-Match", "*")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public void delete(String entitySet, UUID id) {
    send(request(entitySet + "(" + id + ")").DELETE());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(emulator.webApiRoot().resolve(path))
        .header("Authorization", "Bearer " + token())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("OData-Version", "4.0")
        .header("OData-MaxVersion", "4.0");
  }

  private synchronized String token() {
    if (token == null) {
      String form =
          "grant_type=client_credentials&client_id="
              + EmulatorSettings.DEFAULT_CLIENT_ID
              + "&client_secret="
              + EmulatorSettings.DEFAULT_CLIENT_SECRET
              + "&scope="
              + URLEncoder.encode(emulator.baseUrl() + ".default", StandardCharsets.UTF_8);
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create(emulator.tokenUrl().toString()))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form)));
      Matcher value =
          Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
      if (!value.find()) {
        throw new IllegalStateException("no access token: " + response.body());
      }
      token = value.group(1);
    }
    return token;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            request.build().method()
                + " "
                + request.build().uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
