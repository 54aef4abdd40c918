package io.dataexport.server.api;

import java.time.Duration;
import java.util.List;

/** A request refused before it reached its route: no valid credentials, a role that may not. */
final class AccessDenied extends RuntimeException {
  private final ApiError error;
  private final Duration retryAfter;

  private AccessDenied(ApiError error, Duration retryAfter) {
    super(error.message());
    this.error = error;
    this.retryAfter = retryAfter;
  }

  static AccessDenied unauthenticated(String message) {
    return new AccessDenied(new ApiError(401, "unauthenticated", message, List.of()), null);
  }

  static AccessDenied forbidden(String message) {
    return new AccessDenied(new ApiError(403, "forbidden", message, List.of()), null);
  }

  static AccessDenied throttled(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return new AccessDenied(
        new ApiError(
            429,
            "tooManyFailedAttempts",
            "Too many failed authentication attempts from this address. Try again in "
                + seconds
                + " s with valid credentials.",
            List.of()),
        Duration.ofSeconds(seconds));
  }

  ApiError error() {
    return error;
  }

  /** How long to wait before trying again, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
