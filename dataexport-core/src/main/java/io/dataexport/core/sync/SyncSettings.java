package io.dataexport.core.sync;

import java.time.Duration;

/**
 * How the pipeline paces itself.
 *
 * @param pollInterval how long a caught-up change reader waits before asking for the next delta
 * @param batchSize most notifications a writer applies in one destination transaction
 * @param errorBackoff first wait after a transient failure; doubles up to {@code maxBackoff}
 * @param maxBackoff longest wait between tries after transient failures
 */
public record SyncSettings(
    Duration pollInterval, int batchSize, Duration errorBackoff, Duration maxBackoff) {

  /** Deltas every second, batches of up to 5,000, back-off from 200 ms to 30 s. */
  public static SyncSettings defaults() {
    return new SyncSettings(
        Duration.ofSeconds(1), 5000, Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  public SyncSettings withPollInterval(Duration value) {
    return new SyncSettings(value, batchSize, errorBackoff, maxBackoff);
  }
}
