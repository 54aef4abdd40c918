package io.dataexport.api.error;

import java.time.Duration;

/**
 * A {@link RetriableException} that says nothing about the work in hand: the other side takes
 * nothing at all now. It cannot be reached (down, restarting, connections refused or timing out),
 * refuses every connection (authentication rejected, too many connections) or cannot write anything
 * (disk full, out of memory). Retry loops wait for it to come back without counting a try against
 * the records they were applying.
 */
public class UnavailableException extends RetriableException {
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnavailableException(String message, Throwable cause, Duration retryAfter) {
    super(message, cause, retryAfter);
  }
}
