package io.dataexport.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokensTest {
  private static final String CLIENT = "export-service";
  private static final String SECRET = "s3cr3t-value";
  private static final String SCOPE = "https://org.crm.dynamics.com/.default";
  private static final Duration LIFETIME = Duration.ofSeconds(3599);

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private final AccessTokens tokens = new AccessTokens(CLIENT, SECRET, LIFETIME, clock);

  @Test
  void issuesAnOpaqueBearerTokenToTheConfiguredClient() throws IOException {
    AccessTokens.TokenReply reply = tokens.issue(form(CLIENT, SECRET, SCOPE));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = json(reply);
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(3599);
    assertThat(body.path("ext_expires_in").asLong()).isEqualTo(3599);
    assertThat(body.path("access_token").asText()).matches("[A-Za-z0-9_-]{43,}");
  }

  @Test
  void everyTokenIsDifferent() throws IOException {
    String first = token();
    String second = token();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void validTokenIsAcceptedAndNamesItsClient() throws IOException {
    String token = token();

    assertThat(tokens.authenticate("Bearer " + token)).isEqualTo(CLIENT);
    assertThat(tokens.authenticate("bearer " + token)).isEqualTo(CLIENT);
  }

  @Test
  void tokenIsAcceptedUntilTheLastSecondOfItsLifetime() throws IOException {
    String token = token();
    clock.advance(LIFETIME.minusSeconds(1));

    assertThat(tokens.authenticate("Bearer " + token)).isEqualTo(CLIENT);
  }

  @Test
  void expiredTokenIsRefusedWith401() throws IOException {
    String token = token();
    clock.advance(LIFETIME);

    assertUnauthorized("Bearer " + token, "The access token has expired.");
    // Still refused on a second try, after the expired token was forgotten.
    assertUnauthorized("Bearer " + token, "The access token is invalid.");
  }

  @Test
  void missingHeaderIsRefusedWith401() {
    assertUnauthorized(null, "Bearer token is missing.");
    assertUnauthorized("  ", "Bearer token is missing.");
    assertUnauthorized("Bearer ", "Bearer token is missing");
  }

  @Test
  void headerWithAnotherSchemeIsRefusedWith401() {
    assertUnauthorized("Basic ZXhwb3J0OnNlY3JldA==", "must use the Bearer scheme");
  }

  @Test
  void unknownTokenIsRefusedWith401() {
    assertUnauthorized("Bearer not-a-token-we-issued", "The access token is invalid.");
  }

  @Test
  void wrongSecretGets401InvalidClientWithoutEchoingAnySecret() throws IOException {
    AccessTokens.TokenReply reply = tokens.issue(form(CLIENT, "guessed-secret", SCOPE));

    assertThat(reply.status()).isEqualTo(401);
    JsonNode body = assertEntraError(reply, "invalid_client", 7000215);
    assertThat(body.toString()).doesNotContain("guessed-secret").doesNotContain(SECRET);
  }

  @Test
  void unknownClientGets400InvalidClient() throws IOException {
    AccessTokens.TokenReply reply = tokens.issue(form("someone-else", SECRET, SCOPE));

    assertThat(reply.status()).isEqualTo(400);
    JsonNode body = assertEntraError(reply, "invalid_client", 700016);
    assertThat(body.path("error_description").asText()).contains("'someone-else'");
    assertThat(body.toString()).doesNotContain(SECRET);
  }

  @Test
  void grantTypeOtherThanClientCredentialsGets400UnsupportedGrantType() throws IOException {
    Map<String, List<String>> form = form(CLIENT, SECRET, SCOPE);
    form.put("grant_type", List.of("password"));

    AccessTokens.TokenReply reply = tokens.issue(form);

    assertThat(reply.status()).isEqualTo(400);
    assertEntraError(reply, "unsupported_grant_type", 70003);
  }

  @Test
  void scopeWithoutDefaultSuffixGets400InvalidScope() throws IOException {
    AccessTokens.TokenReply reply =
        tokens.issue(form(CLIENT, SECRET, "https://org.crm.dynamics.com/user_impersonation"));

    assertThat(reply.status()).isEqualTo(400);
    JsonNode body = assertEntraError(reply, "invalid_scope", 1002012);
    assertThat(body.path("error_description").asText()).contains("/.default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"grant_type", "client_id", "client_secret", "scope"})
  void missingFieldGets400InvalidRequestNamingIt(String field) throws IOException {
    Map<String, List<String>> form = form(CLIENT, SECRET, SCOPE);
    form.remove(field);

    AccessTokens.TokenReply reply = tokens.issue(form);

    assertThat(reply.status()).isEqualTo(400);
    JsonNode body = assertEntraError(reply, "invalid_request", 900144);
    assertThat(body.path("error_description").asText()).contains("'" + field + "'");
  }

  @Test
  void errorTimestampComesFromTheInjectedClock() throws IOException {
    JsonNode body = json(tokens.issue(form(CLIENT, "wrong", SCOPE)));

    assertThat(body.path("timestamp").asText()).isEqualTo("2024-05-01 10:00:00Z");
    assertThat(body.path("error_description").asText()).contains("Timestamp: 2024-05-01 10:00:00Z");
  }

  @Test
  void expiredTokensArePurgedSoMemoryStaysBounded() throws IOException {
    for (int i = 0; i < 50; i++) {
      token();
    }
    assertThat(tokens.heldTokens()).isEqualTo(50);

    clock.advance(LIFETIME.plusSeconds(1));
    String fresh = token();

    assertThat(tokens.heldTokens()).isEqualTo(1);
    assertThat(tokens.authenticate("Bearer " + fresh)).isEqualTo(CLIENT);
  }

  @Test
  void nonPositiveLifetimeIsRejectedAtConstruction() {
    assertThatThrownBy(() -> new AccessTokens(CLIENT, SECRET, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lifetime must be positive");
  }

  private String token() throws IOException {
    AccessTokens.TokenReply reply = tokens.issue(form(CLIENT, SECRET, SCOPE));
    assertThat(reply.status()).isEqualTo(200);
    return json(reply).path("access_token").asText();
  }

  private void assertUnauthorized(String header, String message) {
    assertThatThrownBy(() -> tokens.authenticate(header))
        .isInstanceOfSatisfying(
            ODataException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEmpty();
              assertThat(e.getMessage()).contains(message);
            });
  }

  private static JsonNode assertEntraError(AccessTokens.TokenReply reply, String error, int code)
      throws IOException {
    JsonNode body = json(reply);
    assertThat(body.path("error").asText()).isEqualTo(error);
    assertThat(body.path("error_description").asText()).startsWith("AADSTS" + code + ": ");
    assertThat(body.path("error_codes").get(0).asInt()).isEqualTo(code);
    assertThat(body.path("trace_id").asText()).isNotBlank();
    assertThat(body.path("correlation_id").asText()).isNotBlank();
    assertThat(body.path("timestamp").asText()).isNotBlank();
    assertThat(body.has("access_token")).isFalse();
    return body;
  }

  private static Map<String, List<String>> form(String clientId, String secret, String scope) {
    Map<String, List<String>> form = new HashMap<>();
    form.put("grant_type", List.of("client_credentials"));
    form.put("client_id", List.of(clientId));
    form.put("client_secret", List.of(secret));
    form.put("scope", List.of(scope));
    return form;
  }

  private static JsonNode json(AccessTokens.TokenReply reply) throws IOException {
    return JsonBodies.MAPPER.readTree(new String(reply.body(), StandardCharsets.UTF_8));
  }
}
