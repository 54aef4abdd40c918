package io.dataexport.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells who sent a request from its {@code Authorization} header: an API key ({@code Bearer dxk_…})
 * or, when OpenID Connect is configured, a bearer JWT of its issuer. Failures are counted per
 * client address by the {@link FailedAuthThrottle}.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";

  private final ApiKeyTokens keys;
  private final Optional<OidcVerifier> oidc;
  private final FailedAuthThrottle throttle = new FailedAuthThrottle();
  private final Clock clock;

  public Authenticator(ApiKeyTokens keys, Optional<OidcVerifier> oidc, Clock clock) {
    this.keys = keys;
    this.oidc = oidc;
    this.clock = clock;
  }

  /** What authenticating a request came to. */
  public sealed interface Outcome {}

  /** The request comes from this principal. */
  public record Authenticated(Principal principal) implements Outcome {}

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
    Optional<Principal> principal = principal(authorization);
    if (principal.isEmpty()) {
      throttle.failed(address, clock.instant());
      return new Refused(
          "The credentials are not valid (unknown or revoked API key, or a token that is expired,"
              + " not yet valid, for another audience or not signed by the configured issuer)."
              + " Send a valid API key or token.");
    }
    throttle.succeeded(address);
    return new Authenticated(principal.get());
  }

  private Optional<Principal> principal(String authorization) {
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).strip();
    if (ApiKeyTokens.looksLikeKey(token)) {
      return keys.authenticate(token, clock.instant());
    }
    return oidc.flatMap(verifier -> verifier.verify(token));
  }
}
