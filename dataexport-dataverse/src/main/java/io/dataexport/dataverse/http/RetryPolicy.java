package io.dataexport.dataverse.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying a request again: what the server asked for ({@code Retry-After}),
 * else an exponential back-off with jitter, so that readers throttled together do not come back
 * together.
 *
 * @param maxTotalWait the most a request may spend waiting in all before it gives up
 * @param initialBackoff the first back-off
 * @param maxBackoff the longest single back-off
 */
public record RetryPolicy(Duration maxTotalWait, Duration initialBackoff, Duration maxBackoff) {
  // a little on top of Retry-After: the server's window may not have quite moved on yet
  private static final long RETRY_AFTER_JITTER_MILLIS = 250;

  /**
   * The wait before the next try.
   *
   * @param attempt how many tries failed so far (1 after the first failure)
   * @param retryAfter what the server asked for, or null when it did not say
   */
  public Duration nextWait(int attempt, Duration retryAfter) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (retryAfter != null) {
      return retryAfter.plusMillis(random.nextLong(RETRY_AFTER_JITTER_MILLIS + 1));
    }
    long initial = initialBackoff.toMillis();
    int doublings = Math.min(Math.max(attempt - 1, 0), 20);
    long ceiling = Math.min(maxBackoff.toMillis(), initial << doublings);
    // "equal jitter": at least half the exponential step, so waits still grow
    return Duration.ofMillis(ceiling / 2 + random.nextLong(ceiling / 2 + 1));
  }

  /** Whether waiting {@code next} more after {@code waited} stays within the total allowed. */
  public boolean allows(Duration waited, Duration next) {
    return waited.plus(next).compareTo(maxTotalWait) <= 0;
  }
}
