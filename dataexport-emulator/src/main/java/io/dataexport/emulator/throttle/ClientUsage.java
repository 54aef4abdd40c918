package io.dataexport.emulator.throttle;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client's use of the service within the sliding window: when its admitted requests started,
 * how long its finished requests ran, and how many are in flight. Times are epoch milliseconds; the
 * window covers {@code (now - window, now]}.
 */
final class ClientUsage {
  private record Execution(long endedAt, long millis) {}

  private final ServiceProtectionLimits limits;
  private final long windowMillis;
  private final long maxExecutionMillis;
  // A lock rather than synchronized so virtual threads never pin their carrier on Java 21.
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Long> starts = new ArrayDeque<>();
  private final ArrayDeque<Execution> executions = new ArrayDeque<>();
  private long executionMillis;
  private int inFlight;

  ClientUsage(ServiceProtectionLimits limits) {
    this.limits = limits;
    this.windowMillis = limits.window().toMillis();
    this.maxExecutionMillis = limits.maxExecutionTime().toMillis();
  }

  /**
   * Admits a request starting at {@code now}, or says which limit refuses it. A refused request
   * leaves no trace.
   */
  Optional<Refusal> tryAdmit(long now) {
    lock.lock();
    try {
      forgetBefore(now - windowMillis);
      if (starts.size() >= limits.maxRequests()) {
        long mustLeave = nth(starts, starts.size() - limits.maxRequests());
        return Optional.of(new Refusal(ProtectionLimit.REQUESTS, mustLeave + windowMillis - now));
      }
      if (executionMillis >= maxExecutionMillis) {
        return Optional.of(
            new Refusal(ProtectionLimit.EXECUTION_TIME, untilExecutionBelowLimit(now)));
      }
      if (inFlight >= limits.maxConcurrentRequests()) {
        return Optional.of(new Refusal(ProtectionLimit.CONCURRENT_REQUESTS, 1000));
      }
      // Clamped so the deque stays ordered even if threads reach the lock out of time order.
      starts.addLast(starts.isEmpty() ? now : Math.max(now, starts.getLast()));
      inFlight++;
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Records the end of an admitted request and frees its concurrency slot. */
  void release(long startedAt, long endedAt) {
    lock.lock();
    try {
      inFlight--;
      long millis = Math.max(0, endedAt - startedAt);
      if (millis > 0) {
        long at = executions.isEmpty() ? endedAt : Math.max(endedAt, executions.getLast().endedAt);
        executions.addLast(new Execution(at, millis));
        executionMillis += millis;
      }
    } finally {
      lock.unlock();
    }
  }

  private void forgetBefore(long horizon) {
    while (!starts.isEmpty() && starts.getFirst() <= horizon) {
      starts.removeFirst();
    }
    while (!executions.isEmpty() && executions.getFirst().endedAt <= horizon) {
      executionMillis -= executions.removeFirst().millis;
    }
  }

  /** How long until enough executions leave the window to bring the total under the limit. */
  private long untilExecutionBelowLimit(long now) {
    long remaining = executionMillis;
    for (Execution execution : executions) {
      remaining -= execution.millis;
      if (remaining < maxExecutionMillis) {
        return execution.endedAt + windowMillis - now;
      }
    }
    return windowMillis;
  }

  private static long nth(ArrayDeque<Long> deque, int index) {
    Iterator<Long> it = deque.iterator();
    for (int i = 0; i < index; i++) {
      it.next();
    }
    return it.next();
  }
}
