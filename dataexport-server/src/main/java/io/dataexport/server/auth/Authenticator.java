package io.dataexport.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells who sent a request from its {@code Authorization} header: an API key ({@code Bearer dxk_…})
 * or, when OpenID Connect is configured, a bearer JWT of its issuer; or from the console's session
 * cookie ({@link ConsoleSessions}). Also checks the API key a console login sends. Failures are
 * counted per client address by the {@link FailedAuthThrottle}.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";

  private final ApiKeyTokens keys;
  private final Optional<OidcVerifier> oidc;
  private final ConsoleSessions sessions;
  private final FailedAuthThrottle throttle = new FailedAuthThrottle();
  private final Clock clock;

  public Authenticator(
      ApiKeyTokens keys, Optional<OidcVerifier> oidc, ConsoleSessions sessions, Clock clock) {
    this.keys = keys;
    this.oidc = oidc;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** What authenticating a request came to. */
  public sealed interface Outcome {}

  /**
   * The request comes from this principal.
   *
   * @param principal who it is
   * @param keyId the id of the API key it sent, or null (a token, a session)
   * @param session the console session it came with, or null (a bearer credential)
   */
  public record Authenticated(Principal principal, String keyId, ConsoleSession session)
      implements Outcome {}

  /**
   * No valid credentials.
   *
   * @param reason what the caller should fix, for the error message
   */
  public record Refused(String reason) implements Outcome {}

  /** Too many failures from this address lately: wait before trying again. */
  public record Throttled(Duration retryAfter) implements Outcome {}

  /**
   * Authenticates a request.
   *
   * @param authorization the {@code Authorization} header, or null
   * @param address the client's address
   * @throws io.dataexport.api.error.RetriableException when the OpenID Connect issuer cannot be
   *     reached
   */
  public Outcome authenticate(String authorization, String address) {
    Optional<Duration> wait = throttle.waitFor(address, clock.instant());
    if (wait.isPresent()) {
      return new Throttled(wait.get());
    }
    if (authorization == null || authorization.isBlank()) {
      // no credentials at all is no guess: not counted
      return new Refused(
          "This request needs credentials: send 'Authorization: Bearer <API key or token>'.");
    }
    Optional<Authenticated> authenticated = bearer(authorization);
    if (authenticated.isEmpty()) {
      throttle.failed(address, clock.instant());
      return new Refused(
          "The credentials are not valid (unknown or revoked API key, or a token that is expired,"
              + " not yet valid, for another audience or not signed by the configured issuer)."
              + " Send a valid API key or token.");
    }
    throttle.succeeded(address);
    return authenticated.get();
  }

  /**
   * Checks the API key a console login sends; the answer names its key id. Whether a key id exists
   * never shows: every failure reads the same.
   */
  public Outcome authenticateKey(String apiKey, String address) {
    Optional<Duration> wait = throttle.waitFor(address, clock.instant());
    if (wait.isPresent()) {
      return new Throttled(wait.get());
    }
    Optional<Authenticated> authenticated =
        apiKey == null || apiKey.isBlank() ? Optional.empty() : key(apiKey.strip());
    if (authenticated.isEmpty()) {
      throttle.failed(address, clock.instant());
      return new Refused("The API key is not valid (unknown or revoked). Give a valid API key.");
    }
    throttle.succeeded(address);
    return authenticated.get();
  }

  /**
   * Authenticates a request by its console session cookie. A cookie this service did not seal
   * counts as a failed attempt; one that is merely over (expired, its key revoked) does not.
   */
  public Outcome authenticateSession(String cookie, String address) {
    Optional<Duration> wait = throttle.waitFor(address, clock.instant());
    if (wait.isPresent()) {
      return new Throttled(wait.get());
    }
    return switch (sessions.resume(cookie)) {
      case ConsoleSessions.Valid valid -> {
        throttle.succeeded(address);
        yield new Authenticated(
            valid.principal(),
            valid.session().byApiKey() ? valid.session().keyId() : null,
            valid.session());
      }
      case ConsoleSessions.Invalid invalid -> {
        if (invalid.forged()) {
          throttle.failed(address, clock.instant());
        }
        yield new Refused(invalid.reason());
      }
    };
  }

  /** The console sessions this authenticator accepts. */
  public ConsoleSessions sessions() {
    return sessions;
  }

  private Optional<Authenticated> bearer(String authorization) {
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).strip();
    if (ApiKeyTokens.looksLikeKey(token)) {
      return key(token);
    }
    return oidc.flatMap(verifier -> verifier.verify(token))
        .map(principal -> new Authenticated(principal, null, null));
  }

  private Optional<Authenticated> key(String token) {
    return keys.verify(token, clock.instant())
        .flatMap(
            key ->
                ApiKeyTokens.principal(key)
                    .map(principal -> new Authenticated(principal, key.id(), null)));
  }
}
