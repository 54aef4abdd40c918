package io.dataexport.emulator.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.http.ODataException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The emulated Microsoft Entra ID token endpoint (OAuth2 client credentials) and the bearer-token
 * check in front of the Web API.
 *
 * <p>One client (id and secret) is accepted. Tokens are opaque random strings, valid for the
 * configured lifetime as measured by the injected clock. Neither the secret nor any token is ever
 * logged or echoed in a reply.
 */
public final class AccessTokens {
  private static final String CLIENT_CREDENTIALS = "client_credentials";
  private static final String DEFAULT_SCOPE_SUFFIX = "/.default";
  private static final String BEARER_PREFIX = "Bearer ";
  private static final int TOKEN_BYTES = 32;

  private final String clientId;
  private final byte[] clientSecret;
  private final Duration lifetime;
  private final Clock clock;
  private final IssuedTokens issued;
  private final SecureRandom random = new SecureRandom();
  private final JsonBodies json = new JsonBodies();

  /**
   * @param clientId the one accepted client id
   * @param clientSecret its secret
   * @param lifetime how long an issued token stays valid; positive
   * @param clock the time source for issuing and expiring tokens
   * @throws IllegalArgumentException when the client id is blank or the lifetime not positive
   */
  public AccessTokens(String clientId, String clientSecret, Duration lifetime, Clock clock) {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(clock, "clock");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank.");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive, was " + lifetime + ".");
    }
    this.clientId = clientId;
    this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
    this.lifetime = lifetime;
    this.clock = clock;
    this.issued = new IssuedTokens(clock, lifetime);
  }

  /**
   * Answers a token request ({@code POST /<tenant>/oauth2/v2.0/token}, form-encoded).
   *
   * @param form the decoded form fields; null is treated as an empty form
   * @return the HTTP status and JSON body to answer with (200 with {@code access_token}, or an
   *     OAuth2 error such as {@code invalid_client})
   */
  public TokenReply issue(Map<String, List<String>> form) {
    Map<String, List<String>> fields = form == null ? Map.of() : form;
    String grantType = field(fields, "grant_type");
    if (grantType == null) {
      return EntraError.missingParameter("grant_type").reply(clock);
    }
    if (!grantType.equals(CLIENT_CREDENTIALS)) {
      return EntraError.unsupportedGrantType(grantType).reply(clock);
    }
    String client = field(fields, "client_id");
    if (client == null) {
      return EntraError.missingParameter("client_id").reply(clock);
    }
    String scope = field(fields, "scope");
    if (scope == null) {
      return EntraError.missingParameter("scope").reply(clock);
    }
    String secret = field(fields, "client_secret");
    if (secret == null) {
      return EntraError.missingParameter("client_secret").reply(clock);
    }
    if (!client.equals(clientId)) {
      return EntraError.unknownClient(client).reply(clock);
    }
    if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), clientSecret)) {
      return EntraError.wrongSecret(client).reply(clock);
    }
    if (!scope.endsWith(DEFAULT_SCOPE_SUFFIX)) {
      return EntraError.invalidScope(scope).reply(clock);
    }
    return grant(client);
  }

  /**
   * Checks the {@code Authorization} header of a Web API request.
   *
   * @param authorizationHeader the header value, or null when absent
   * @return the client id the valid token was issued to
   * @throws ODataException 401 when the header is missing, malformed, unknown or expired
   */
  public String authenticate(String authorizationHeader) {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw unauthorized(
          "Bearer token is missing. Send 'Authorization: Bearer <access token>' with a token from"
              + " the token endpoint.");
    }
    if (!authorizationHeader.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      throw unauthorized(
          "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <access"
              + " token>'.");
    }
    String token = authorizationHeader.substring(BEARER_PREFIX.length()).strip();
    if (token.isEmpty()) {
      throw unauthorized("Bearer token is missing after 'Bearer'.");
    }
    IssuedTokens.Grant grant =
        issued
            .find(token)
            .orElseThrow(
                () ->
                    unauthorized(
                        "The access token is invalid. Request a new one from the token"
                            + " endpoint."));
    if (grant.expiredAt(clock.instant())) {
      issued.forget(token);
      throw unauthorized(
          "The access token has expired. Request a new one from the token endpoint.");
    }
    return grant.clientId();
  }

  /** How many tokens are held (expired ones not yet purged included); for memory checks. */
  int heldTokens() {
    return issued.size();
  }

  private TokenReply grant(String client) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = clock.instant().plus(lifetime);
    issued.add(token, new IssuedTokens.Grant(client, expiresAt));
    ObjectNode body = json.object();
    body.put("token_type", "Bearer");
    body.put("expires_in", lifetime.toSeconds());
    body.put("ext_expires_in", lifetime.toSeconds());
    body.put("access_token", token);
    return new TokenReply(200, json.bytes(body));
  }

  /** The first value of a form field, or null when absent or blank. */
  private static String field(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    if (values == null || values.isEmpty() || values.getFirst() == null) {
      return null;
    }
    String value = values.getFirst().strip();
    return value.isEmpty() ? null : value;
  }

  private static ODataException unauthorized(String message) {
    return new ODataException(401, "", message);
  }

  /**
   * A reply of the token endpoint.
   *
   * @param status HTTP status
   * @param body JSON body
   */
  public record TokenReply(int status, byte[] body) {}
}
