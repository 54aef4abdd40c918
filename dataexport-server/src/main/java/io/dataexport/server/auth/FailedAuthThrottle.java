package io.dataexport.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing credentials: each client address may fail authentication {@value #ALLOWED}
 * times in a row freely, then must wait before trying again, twice as long after each further
 * failure (up to {@link #MAX_WAIT}). A success clears the address. Other addresses are never
 * affected. Thread-safe; remembers at most {@value #MAX_ADDRESSES} addresses (the oldest are
 * forgotten first), so a flood of addresses cannot exhaust memory.
 */
public final class FailedAuthThrottle {
  static final int ALLOWED = 10;
  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration MAX_WAIT = Duration.ofMinutes(5);
  private static final int MAX_ADDRESSES = 10_000;

  private record Failures(int count, Instant blockedUntil, Instant last) {}

  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  /** How long an address must still wait before its next attempt; empty when it may try now. */
  public Optional<Duration> waitFor(String address, Instant now) {
    Failures failures = byAddress.get(address);
    if (failures == null || !now.isBefore(failures.blockedUntil())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, failures.blockedUntil()));
  }

  /** Counts a failed authentication from an address. */
  public void failed(String address, Instant now) {
    if (byAddress.size() >= MAX_ADDRESSES) {
      forgetOldest();
    }
    byAddress.compute(
        address,
        (key, before) -> {
          int count = before == null ? 1 : before.count() + 1;
          Instant until = now;
          if (count >= ALLOWED) {
            long factor = 1L << Math.min(20, count - ALLOWED);
            Duration wait = FIRST_WAIT.multipliedBy(factor);
            until = now.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
          }
          return new Failures(count, until, now);
        });
  }

  /** Clears an address after a successful authentication. */
  public void succeeded(String address) {
    byAddress.remove(address);
  }

  private void forgetOldest() {
    byAddress.entrySet().stream()
        .min((a, b) -> a.getValue().last().compareTo(b.getValue().last()))
        .ifPresent(oldest -> byAddress.remove(oldest.getKey()));
  }
}
