package io.dataexport.emulator.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access tokens handed out and not yet forgotten. Expired tokens are dropped when they are
 * presented and, at most once per purge interval, all at once when a new token is issued, so the
 * map holds little more than the tokens still valid.
 */
final class IssuedTokens {
  private static final Duration MAX_PURGE_INTERVAL = Duration.ofMinutes(1);

  /** What a token stands for. */
  record Grant(String clientId, Instant expiresAt) {
    boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  private final ConcurrentMap<String, Grant> grants = new ConcurrentHashMap<>();
  private final Clock clock;
  private final long purgeIntervalMillis;
  private final AtomicLong nextPurgeMillis;

  IssuedTokens(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.purgeIntervalMillis =
        Math.max(1, Math.min(lifetime.toMillis(), MAX_PURGE_INTERVAL.toMillis()));
    this.nextPurgeMillis = new AtomicLong(clock.millis() + purgeIntervalMillis);
  }

  void add(String token, Grant grant) {
    purgeIfDue();
    grants.put(token, grant);
  }

  Optional<Grant> find(String token) {
    return Optional.ofNullable(grants.get(token));
  }

  void forget(String token) {
    grants.remove(token);
  }

  /** How many tokens are held, expired ones not yet purged included. */
  int size() {
    return grants.size();
  }

  private void purgeIfDue() {
    long now = clock.millis();
    long due = nextPurgeMillis.get();
    // Only the thread that moves the deadline purges; the others go on issuing.
    if (now >= due && nextPurgeMillis.compareAndSet(due, now + purgeIntervalMillis)) {
      Instant instant = Instant.ofEpochMilli(now);
      grants.values().removeIf(grant -> grant.expiredAt(instant));
    }
  }
}
