package io.dataexport.core.sync;

import java.time.Duration;

/**
 * How the pipeline paces itself.
 *
 * @param pollInterval how long a caught-up change reader waits before asking for the next delta
 * @param batchSize most notifications a writer applies in one destination transaction
 * @param errorBackoff first wait after a transient failure; doubles up to {@code maxBackoff}
 * @param maxBackoff longest wait between tries after transient failures
 * @param schemaRefreshInterval how often a change reader describes its entity again, so that new
 *     attributes reach the destination (a changed attribute list re-exports the entity, see {@link
 *     ChangeReader}) and the metadata tables stay current; zero or negative: never
 */
public record SyncSettings(
    Duration pollInterval,
    int batchSize,
    Duration errorBackoff,
    Duration maxBackoff,
    Duration schemaRefreshInterval) {

  /** The default {@link #schemaRefreshInterval}. */
  public static final Duration DEFAULT_SCHEMA_REFRESH = Duration.ofMinutes(5);

  /** Settings with the default schema refresh interval. */
  public SyncSettings(
      Duration pollInterval, int batchSize, Duration errorBackoff, Duration maxBackoff) {
    this(pollInterval, batchSize, errorBackoff, maxBackoff, DEFAULT_SCHEMA_REFRESH);
  }

  /**
   * Deltas every second, batches of up to 5,000, back-off from 200 ms to 30 s, entities described
   * again every 5 minutes.
   */
  public static SyncSettings defaults() {
    return new SyncSettings(
        Duration.ofSeconds(1),
        5000,
        Duration.ofMillis(200),
        Duration.ofSeconds(30),
        DEFAULT_SCHEMA_REFRESH);
  }

  public SyncSettings withPollInterval(Duration value) {
    return new SyncSettings(value, batchSize, errorBackoff, maxBackoff, schemaRefreshInterval);
  }

  public SyncSettings withSchemaRefreshInterval(Duration value) {
    return new SyncSettings(pollInterval, batchSize, errorBackoff, maxBackoff, value);
  }
}
