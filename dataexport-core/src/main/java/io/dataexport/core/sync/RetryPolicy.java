package io.dataexport.core.sync;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.UnavailableException;
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
 * <p><b>An outage spends no tries.</b> A try counts only when the destination was reached and
 * answered about the notification: it rejected it ({@link
 * io.dataexport.api.error.PermanentException}: a constraint, a bad value) or it failed transiently
 * on a working database ({@link io.dataexport.api.error.RetriableException}: a row lock or
 * statement timeout, a deadlock). While the destination takes nothing at all ({@link
 * UnavailableException}: it cannot be reached, refuses every connection, authentication fails, no
 * connection comes from the pool in time, its disk is full) or is set up wrongly ({@link
 * ConfigurationException}: a table or privilege missing, which an administrator fixes), nothing is
 * the notification's fault: the writer hands its notifications back to the bus, and the retry
 * scheduler leaves parked notifications as they are (tries and due time unchanged), backs off and
 * tries again, so that they apply by themselves once the destination is back, however long the
 * outage. See {@link #countsAsTry}.
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

  /**
   * Whether a failed try counts against the notification's tries: false when the failure says the
   * destination took nothing at all ({@link UnavailableException}) or is set up wrongly ({@link
   * ConfigurationException}), true for anything else (the record rejected, a transient failure on a
   * working database, an unexpected failure).
   */
  public static boolean countsAsTry(RuntimeException failure) {
    return !(failure instanceof UnavailableException || failure instanceof ConfigurationException);
  }

  /** When the next try is due after a try failed at {@code failedAt}. */
  public Instant nextTry(Instant failedAt) {
    return failedAt.plus(interval);
  }
}
