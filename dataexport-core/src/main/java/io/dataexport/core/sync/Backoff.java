package io.dataexport.core.sync;

import io.dataexport.api.error.RetriableException;
import java.time.Duration;

/** Exponential back-off between tries, reset by a success; honours a source's Retry-After. */
final class Backoff {
  private final SyncSettings settings;
  private Duration next;

  Backoff(SyncSettings settings) {
    this.settings = settings;
    this.next = settings.errorBackoff();
  }

  void reset() {
    next = settings.errorBackoff();
  }

  /** How long to wait before the next try after this failure. */
  Duration delayAfter(RuntimeException failure) {
    Duration wait = next;
    if (failure instanceof RetriableException r && r.retryAfter().isPresent()) {
      wait = r.retryAfter().get();
    }
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    return wait;
  }
}
