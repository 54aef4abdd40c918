package io.dataexport.core.sync;

import io.dataexport.api.profile.ExportProfile;
import java.time.Duration;
import java.time.Instant;

/**
 * A profile's retry policy (SPEC §5) as the writer and the retry scheduler apply it.
 *
 * <p><b>Tries.</b> A try is one attempt to apply a notification. Try 1 is the writer's, when the
 * notification comes off the bus (the writer's one quick repeat after a transient error belongs to
 * that try; splitting a batch to isolate a record does too). Tries 2, 3, … are the retry
 * scheduler's, each at least {@code retryIntervalSeconds} after the previous one failed. A
 * notification is given up when try number {@code max(1, retryCount)} fails: {@code retryCount} is
 * the number of tries in total, and 0 behaves like 1 (given up at the first failure, never parked).
 *
 * @param maxTries tries in total before a notification is given up; at least 1
 * @param interval the least time between two tries
 */
public record RetryPolicy(int maxTries, Duration interval) {

  public RetryPolicy {
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be at least 1, not " + maxTries);
    }
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative, not " + interval);
    }
  }

  /** The policy of a profile. */
  public static RetryPolicy of(ExportProfile profile) {
    return new RetryPolicy(
        Math.max(1, profile.retryCount()), Duration.ofSeconds(profile.retryIntervalSeconds()));
  }

  /** Whether a notification that has failed {@code triesMade} tries gets another one. */
  public boolean triesLeft(int triesMade) {
    return triesMade < maxTries;
  }

  /** When the next try is due after a try failed at {@code failedAt}. */
  public Instant nextTry(Instant failedAt) {
    return failedAt.plus(interval);
  }
}
