package io.dataexport.emulator.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.testing.MutableClock;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service protection of a running emulator, seen by a client over real HTTP. */
class ServiceProtectionOverHttpTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ServiceProtectionLimits THREE_REQUESTS =
      new ServiceProtectionLimits(3, Duration.ofMinutes(20), 52, Duration.ofSeconds(300));

  private static DataverseEmulator emulator;
  private String token;

  @BeforeAll
  static void startEmulator() {
    emulator =
        DataverseEmulator.start(
            EmulatorSettings.defaults()
                .withPort(0)
                .withSeedRecords(10)
                .withTokenLifetime(Duration.ofHours(2))
                .withClock(CLOCK));
  }

  @AfterAll
  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @BeforeEach
  void getToken() throws Exception {
    token = accessToken();
  }

  @AfterEach
  void switchProtectionOff() {
    emulator.serviceProtection().disable();
  }

  @Test
  void requestOverTheLimitAnswers429WithRetryAfterAndTheDataverseCode() throws Exception {
    emulator.serviceProtection().enable(THREE_REQUESTS);
    for (int i = 0; i < 3; i++) {
      assertThat(whoAmI().statusCode()).isEqualTo(200);
    }

    HttpResponse<String> response = whoAmI();

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("300");
    JsonNode error = JsonBodies.MAPPER.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("0x80072322");
    assertThat(error.path("message").asText())
        .isEqualTo("Number of requests exceeded the limit of 3 over time window of 300 seconds.");
    assertThat(emulator.serviceProtection().throttledRequests()).isPositive();
  }

  @Test
  void clientThatWaitsRetryAfterIsServedAgain() throws Exception {
    emulator.serviceProtection().enable(THREE_REQUESTS);
    for (int i = 0; i < 3; i++) {
      whoAmI();
    }
    HttpResponse<String> throttled = whoAmI();
    assertThat(throttled.statusCode()).isEqualTo(429);

    CLOCK.advance(
        Duration.ofSeconds(Long.parseLong(throttled.headers().firstValue("Retry-After").get())));

    assertThat(whoAmI().statusCode()).isEqualTo(200);
  }

  @Test
  void tokenEndpointIsNotThrottled() throws Exception {
    emulator.serviceProtection().enable(THREE_REQUESTS);
    for (int i = 0; i < 4; i++) {
      whoAmI();
    }

    assertThat(accessToken()).isNotBlank();
  }

  @Test
  void disablingProtectionLiftsTheLimits() throws Exception {
    emulator.serviceProtection().enable(THREE_REQUESTS);
    for (int i = 0; i < 3; i++) {
      whoAmI();
    }
    assertThat(whoAmI().statusCode()).isEqualTo(429);

    emulator.serviceProtection().disable();

    assertThat(whoAmI().statusCode()).isEqualTo(200);
  }

  private static String accessToken() throws Exception {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(EmulatorSettings.DEFAULT_CLIENT_ID, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(EmulatorSettings.DEFAULT_CLIENT_SECRET, StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode("https://org.crm.dynamics.com/.default", StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(emulator.tokenUrl())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonBodies.MAPPER.readTree(response.body()).path("access_token").asText();
  }

  private HttpResponse<String> whoAmI() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(emulator.webApiRoot().resolve("WhoAmI"))
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
