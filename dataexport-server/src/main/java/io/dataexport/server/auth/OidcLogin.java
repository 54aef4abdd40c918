package io.dataexport.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.profile.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's sign-in through the OpenID Connect issuer: the authorization code flow with PKCE
 * (S256). {@link #begin} makes the address to send the browser to and a sealed, short-lived value
 * (state, nonce, code verifier) for the browser to keep in a cookie; {@link #finish} checks the
 * state, exchanges the code at the issuer's token endpoint, verifies the ID token (signature,
 * issuer, audience = the client id, expiry, nonce) and maps its roles as bearer tokens are mapped.
 * Nothing is kept on the server, so the callback may reach any node. The client secret is sent to
 * the token endpoint only. Thread-safe.
 */
public final class OidcLogin {
  /** The label of the key the login cookie is sealed with. */
  public static final String KEY_LABEL = "console-oidc-login";

  /** How long a sign-in may take between leaving for the issuer and coming back. */
  public static final Duration MAX_LOGIN = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final OidcVerifier idTokens;
  private final Optional<OidcVerifier> accessTokens;
  private final String clientId;
  private final Optional<Secret> clientSecret;
  private final String scopes;
  private final SealedJson sealer;
  private final Clock clock;

  /**
   * @param idTokens verifies ID tokens: the issuer, with the client id as audience
   * @param accessTokens verifies the API's bearer tokens, for an access token that carries the
   *     roles when the ID token does not; empty to use the ID token only
   * @param clientId the client id the console signs in as
   * @param clientSecret its secret, or empty for a public client
   * @param scopes the scopes to ask for, space-separated, including {@code openid}
   * @param key the 32-byte key derived for {@value #KEY_LABEL}
   */
  public OidcLogin(
      OidcVerifier idTokens,
      Optional<OidcVerifier> accessTokens,
      String clientId,
      Optional<Secret> clientSecret,
      String scopes,
      byte[] key,
      Clock clock) {
    this.idTokens = idTokens;
    this.accessTokens = accessTokens;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scopes = scopes;
    this.sealer = new SealedJson(key, KEY_LABEL);
    this.clock = clock;
  }

  /**
   * Where to send the browser, and what it keeps meanwhile.
   *
   * @param authorizeUrl the issuer's authorization endpoint with the request's parameters
   * @param cookie the sealed state, nonce and code verifier, for a short-lived cookie
   */
  public record Start(URI authorizeUrl, String cookie) {
    @Override
    public String toString() {
      return "Start[authorizeUrl=" + authorizeUrl + ", cookie=****]";
    }
  }

  /** A sign-in that cannot complete: the status to answer and what to tell the user. */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    /** 400 (a stale or foreign callback), 401 (no valid token), 403 (no role), 502 (issuer). */
    public int status() {
      return status;
    }
  }

  /**
   * Starts a sign-in.
   *
   * @param redirectUri where the issuer sends the browser back: this service's callback
   * @throws RetriableException when the issuer's discovery document cannot be fetched
   */
  public Start begin(URI redirectUri) {
    String state = random();
    String nonce = random();
    String verifier = random();
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", clientId);
    parameters.put("redirect_uri", redirectUri.toString());
    parameters.put("scope", scopes);
    parameters.put("state", state);
    parameters.put("nonce", nonce);
    parameters.put("code_challenge", challenge(verifier));
    parameters.put("code_challenge_method", "S256");
    String endpoint = endpoint("authorization_endpoint");
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    kept.put("state", state);
    kept.put("nonce", nonce);
    kept.put("verifier", verifier);
    kept.put("redirect", redirectUri.toString());
    kept.put("exp", clock.instant().plus(MAX_LOGIN).toString());
    return new Start(
        URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(parameters)),
        sealer.seal(kept));
  }

  /**
   * Completes a sign-in from the issuer's callback.
   *
   * @param code the authorization code the issuer gave
   * @param state the state the issuer sent back
   * @param cookie the value {@link #begin} gave, from the browser's cookie (or null)
   * @return who signed in, with the role their token maps to
   * @throws Refused when the sign-in cannot complete (the message says why)
   * @throws RetriableException when the issuer cannot be reached
   */
  public Principal finish(String code, String state, String cookie) {
    JsonNode kept =
        sealer
            .open(cookie)
            .orElseThrow(
                () ->
                    new Refused(
                        400,
                        "This sign-in was not started by this browser or the service's key"
                            + " changed. Start the sign-in again from the console's login page."));
    if (expired(kept) || state == null || code == null || code.isBlank()) {
      throw new Refused(
          400,
          "This sign-in took longer than "
              + MAX_LOGIN.toMinutes()
              + " minutes or came back without its code and state. Start it again from the"
              + " console's login page.");
    }
    if (!MessageDigest.isEqual(
        state.getBytes(StandardCharsets.UTF_8),
        kept.path("state").asText().getBytes(StandardCharsets.UTF_8))) {
      throw new Refused(
          400,
          "The sign-in's state does not match the one this browser started with. Start the"
              + " sign-in again from the console's login page.");
    }
    JsonNode tokens = exchange(code, kept);
    JWTClaimsSet claims =
        idTokens
            .claims(tokens.path("id_token").asText(""))
            .orElseThrow(
                () ->
                    new Refused(
                        401,
                        "The identity provider's ID token is not valid for this service (issuer,"
                            + " audience api.auth.oidc.clientId, signature or expiry)."));
    Object nonce = claims.getClaim("nonce");
    if (nonce == null || !kept.path("nonce").asText().equals(nonce.toString())) {
      throw new Refused(
          401, "The ID token does not carry this sign-in's nonce. Start the sign-in again.");
    }
    Optional<Principal> principal = idTokens.principal(claims);
    if (principal.isEmpty() && tokens.path("access_token").isTextual()) {
      principal =
          accessTokens.flatMap(verifier -> verifier.verify(tokens.path("access_token").asText()));
    }
    return principal.orElseThrow(
        () ->
            new Refused(
                403,
                claims.getSubject()
                    + " signed in, but their '"
                    + idTokens.rolesClaim()
                    + "' claim maps to no role of this service (see api.auth.oidc.roleMapping)."
                    + " Ask an administrator to assign a role."));
  }

  private boolean expired(JsonNode kept) {
    try {
      return !clock.instant().isBefore(Instant.parse(kept.path("exp").asText()));
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /** The token endpoint's answer for the code. */
  private JsonNode exchange(String code, JsonNode kept) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("grant_type", "authorization_code");
    parameters.put("code", code);
    parameters.put("redirect_uri", kept.path("redirect").asText());
    parameters.put("code_verifier", kept.path("verifier").asText());
    parameters.put("client_id", clientId);
    clientSecret.ifPresent(secret -> parameters.put("client_secret", secret.reveal()));
    String endpoint = endpoint("token_endpoint");
    HttpResponse<String> response;
    try {
      response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(endpoint))
                  .timeout(Duration.ofSeconds(20))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot reach the identity provider's token endpoint " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while exchanging the sign-in code", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = JsonNodeFactory.instance.objectNode();
    }
    if (response.statusCode() != 200 || !body.path("id_token").isTextual()) {
      // the provider's error code and description say what to fix; they carry no secret
      throw new Refused(
          502,
          "The identity provider refused the sign-in code (HTTP "
              + response.statusCode()
              + (body.path("error").isTextual() ? ", " + body.path("error").asText() : "")
              + (body.path("error_description").isTextual()
                  ? ": " + body.path("error_description").asText()
                  : "")
              + "). Check api.auth.oidc.clientId, api.auth.oidc.clientSecret and the redirect"
              + " URI registered with the provider.");
    }
    return body;
  }

  private String endpoint(String name) {
    JsonNode discovery;
    try {
      discovery = idTokens.discovery();
    } catch (KeySourceException e) {
      throw new RetriableException(
          "Cannot read the OpenID Connect issuer's discovery document: " + e.getMessage(), e);
    }
    String endpoint = discovery.path(name).asText("");
    if (!endpoint.startsWith("https://") && !endpoint.startsWith("http://")) {
      throw new RetriableException(
          "The OpenID Connect issuer's discovery document has no " + name + ".", null);
    }
    return endpoint;
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
