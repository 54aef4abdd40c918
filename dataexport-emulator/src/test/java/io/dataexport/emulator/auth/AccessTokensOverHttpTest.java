package io.dataexport.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token endpoint and the bearer check of a running emulator, spoken to over real HTTP. */
class AccessTokensOverHttpTest {
  private static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DataverseEmulator emulator;

  @BeforeAll
  static void startEmulator() {
    emulator =
        DataverseEmulator.start(
            EmulatorSettings.defaults()
                .withPort(0)
                .withSeedRecords(10)
                .withTokenLifetime(LIFETIME)
                .withClock(CLOCK));
  }

  @AfterAll
  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void webApiWithoutTokenAnswers401WithDataverseErrorBody() throws Exception {
    HttpResponse<String> response = whoAmI(null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    JsonNode error = JsonBodies.MAPPER.readTree(response.body()).path("error");
    assertThat(error.path("code").isTextual()).isTrue();
    assertThat(error.path("code").asText()).isEmpty();
    assertThat(error.path("message").asText()).contains("Bearer token is missing");
  }

  @Test
  void tokenFromTheTokenEndpointOpensTheWebApi() throws Exception {
    HttpResponse<String> tokenResponse = requestToken(EmulatorSettings.DEFAULT_CLIENT_SECRET);
    assertThat(tokenResponse.statusCode()).isEqualTo(200);
    JsonNode token = JsonBodies.MAPPER.readTree(tokenResponse.body());
    assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.path("expires_in").asLong()).isEqualTo(LIFETIME.toSeconds());

    HttpResponse<String> response = whoAmI(token.path("access_token").asText());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JsonBodies.MAPPER.readTree(response.body()).path("UserId").asText()).isNotBlank();
  }

  @Test
  void unknownTokenAnswers401() throws Exception {
    HttpResponse<String> response = whoAmI("made-up-token");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JsonBodies.MAPPER.readTree(response.body()).path("error").path("message").asText())
        .contains("invalid");
  }

  @Test
  void expiredTokenAnswers401() throws Exception {
    String token = accessToken();
    assertThat(whoAmI(token).statusCode()).isEqualTo(200);

    CLOCK.advance(LIFETIME);
    HttpResponse<String> response = whoAmI(token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JsonBodies.MAPPER.readTree(response.body()).path("error").path("message").asText())
        .contains("expired");
  }

  @Test
  void wrongSecretAnswers401InvalidClient() throws Exception {
    HttpResponse<String> response = requestToken("not-the-secret");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("application/json"));
    JsonNode body = JsonBodies.MAPPER.readTree(response.body());
    assertThat(body.path("error").asText()).isEqualTo("invalid_client");
    assertThat(body.path("error_codes").get(0).asInt()).isEqualTo(7000215);
    assertThat(response.body()).doesNotContain("not-the-secret");
  }

  private static String accessToken() throws Exception {
    HttpResponse<String> response = requestToken(EmulatorSettings.DEFAULT_CLIENT_SECRET);
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonBodies.MAPPER.readTree(response.body()).path("access_token").asText();
  }

  private static HttpResponse<String> requestToken(String secret)
      throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", EmulatorSettings.DEFAULT_CLIENT_ID);
    form.put("client_secret", secret);
    form.put("scope", "https://org.crm.dynamics.com/.default");
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(emulator.tokenUrl())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> whoAmI(String token)
      throws IOException, InterruptedException {
    URI uri = emulator.webApiRoot().resolve("WhoAmI");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "application/json").GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
