package io.dataexport.api.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away by itself: a lost connection, a deadlock, throttling, a restart. The
 * operation is tried again, after {@link #retryAfter()} when the failing side said how long.
 */
public class RetriableException extends DataExportException {
  private final Duration retryAfter;

  public RetriableException(String message, Throwable cause) {
    this(message, cause, null);
  }

  public RetriableException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the failing side asked to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
