package io.dataexport.core.sync;

import java.time.Duration;

/**
 * How the pipeline paces itself.
 *
 * @param pollInterval how long a caught-up change reader waits before asking for the next delta
 * @param batchSize most notifications a writer applies in one destination transaction
 * @param errorBackoff first wait after a transient failure; doubles up to {@code maxBackoff}. Also
 *     the pause before the writer's one quick repeat of a batch that failed transiently
 * @param maxBackoff longest wait between tries after transient failures
 * @param schemaRefreshInterval how often a change reader describes its entity again, so that new
 *     attributes reach the destination (a changed attribute list re-exports the entity, see {@link
 *     ChangeReader}) and the metadata tables stay current; zero or negative: never
 * @param inlinePayloadLimit the largest notification, in bytes of its encoded form (the bus's
 *     binary form, payload included), that travels on the bus inline; a larger one leaves its
 *     payload in the blob store and carries a reference (claim check)
 * @param orphanSweepInterval how often a running profile looks for orphan blobs (claim-check
 *     payloads and parked notifications nothing refers to any more, see {@link OrphanBlobSweep});
 *     the first sweep comes one interval after the profile starts; zero or negative: never
 * @param orphanGracePeriod how old an unreferenced blob must be before a sweep removes it: a blob
 *     is written before the notification or the parked entry that refers to it, and this covers the
 *     moment in between; zero or more
 */
public record SyncSettings(
    Duration pollInterval,
    int batchSize,
    Duration errorBackoff,
    Duration maxBackoff,
    Duration schemaRefreshInterval,
    int inlinePayloadLimit,
    Duration orphanSweepInterval,
    Duration orphanGracePeriod) {

  /** The default {@link #schemaRefreshInterval}. */
  public static final Duration DEFAULT_SCHEMA_REFRESH = Duration.ofMinutes(5);

  /** The default {@link #inlinePayloadLimit}: 256 KiB, as a Service Bus message of DES. */
  public static final int DEFAULT_INLINE_PAYLOAD_LIMIT = 256 * 1024;

  /** The default {@link #orphanSweepInterval}. */
  public static final Duration DEFAULT_ORPHAN_SWEEP_INTERVAL = Duration.ofMinutes(10);

  /** The default {@link #orphanGracePeriod}. */
  public static final Duration DEFAULT_ORPHAN_GRACE_PERIOD = Duration.ofHours(1);

  public SyncSettings {
    if (inlinePayloadLimit < 1) {
      throw new IllegalArgumentException(
          "inlinePayloadLimit must be at least 1 byte, not " + inlinePayloadLimit);
    }
    if (orphanSweepInterval == null) {
      throw new IllegalArgumentException(
          "orphanSweepInterval is required; zero switches the sweep of orphan blobs off.");
    }
    if (orphanGracePeriod == null || orphanGracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "orphanGracePeriod must be zero or more, not "
              + orphanGracePeriod
              + " (default "
              + DEFAULT_ORPHAN_GRACE_PERIOD
              + ").");
    }
  }

  /** Settings with the defaults of everything but the pace of readers and writers. */
  public SyncSettings(
      Duration pollInterval, int batchSize, Duration errorBackoff, Duration maxBackoff) {
    this(pollInterval, batchSize, errorBackoff, maxBackoff, DEFAULT_SCHEMA_REFRESH);
  }

  /** Settings with the default inline payload limit and orphan sweep. */
  public SyncSettings(
      Duration pollInterval,
      int batchSize,
      Duration errorBackoff,
      Duration maxBackoff,
      Duration schemaRefreshInterval) {
    this(
        pollInterval,
        batchSize,
        errorBackoff,
        maxBackoff,
        schemaRefreshInterval,
        DEFAULT_INLINE_PAYLOAD_LIMIT,
        DEFAULT_ORPHAN_SWEEP_INTERVAL,
        DEFAULT_ORPHAN_GRACE_PERIOD);
  }

  /**
   * Deltas every second, batches of up to 5,000, back-off from 200 ms to 30 s, entities described
   * again every 5 minutes, payloads up to 256 KiB inline, orphan blobs looked for every 10 minutes
   * and removed once an hour old.
   */
  public static SyncSettings defaults() {
    return new SyncSettings(
        Duration.ofSeconds(1),
        5000,
        Duration.ofMillis(200),
        Duration.ofSeconds(30),
        DEFAULT_SCHEMA_REFRESH,
        DEFAULT_INLINE_PAYLOAD_LIMIT,
        DEFAULT_ORPHAN_SWEEP_INTERVAL,
        DEFAULT_ORPHAN_GRACE_PERIOD);
  }

  public SyncSettings withPollInterval(Duration value) {
    return new SyncSettings(
        value,
        batchSize,
        errorBackoff,
        maxBackoff,
        schemaRefreshInterval,
        inlinePayloadLimit,
        orphanSweepInterval,
        orphanGracePeriod);
  }

  public SyncSettings withSchemaRefreshInterval(Duration value) {
    return new SyncSettings(
        pollInterval,
        batchSize,
        errorBackoff,
        maxBackoff,
        value,
        inlinePayloadLimit,
        orphanSweepInterval,
        orphanGracePeriod);
  }

  public SyncSettings withInlinePayloadLimit(int bytes) {
    return new SyncSettings(
        pollInterval,
        batchSize,
        errorBackoff,
        maxBackoff,
        schemaRefreshInterval,
        bytes,
        orphanSweepInterval,
        orphanGracePeriod);
  }

  /** These settings with other back-off bounds after transient failures. */
  public SyncSettings withBackoff(Duration first, Duration max) {
    return new SyncSettings(
        pollInterval,
        batchSize,
        first,
        max,
        schemaRefreshInterval,
        inlinePayloadLimit,
        orphanSweepInterval,
        orphanGracePeriod);
  }

  /** These settings with another pace and grace period of the sweep of orphan blobs. */
  public SyncSettings withOrphanSweep(Duration interval, Duration gracePeriod) {
    return new SyncSettings(
        pollInterval,
        batchSize,
        errorBackoff,
        maxBackoff,
        schemaRefreshInterval,
        inlinePayloadLimit,
        interval,
        gracePeriod);
  }
}
