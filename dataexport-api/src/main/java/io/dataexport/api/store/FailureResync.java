package io.dataexport.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A resync of a profile's failed records, as the store keeps it (the latest one per profile). It
 * covers the failure-log entries that were there when it began — ids up to {@code lastEntryId} —
 * and goes through them in id order; {@code afterEntryId} is where it stands. Entries it resynced
 * have left the log; entries it skipped stay.
 *
 * @param profileId the profile
 * @param state running (also while the profile does not run: it goes on when it runs again) or
 *     completed
 * @param totalRecords entries in the failure log when it began
 * @param lastEntryId the highest entry id it covers; 0 when the log was empty
 * @param afterEntryId the id of the last entry it has dealt with; 0 before the first
 * @param resynced records read again from the source and put on the bus
 * @param skipped entries left in the log because their entity is no longer exported or was being
 *     read in full (which resolves them)
 * @param startedAt when it began
 * @param finishedAt when it completed, or null
 * @param lastError the last failure that held it up (no record data), or null
 * @param lastErrorAt when that failure happened, or null
 */
public record FailureResync(
    String profileId,
    State state,
    long totalRecords,
    long lastEntryId,
    long afterEntryId,
    long resynced,
    long skipped,
    Instant startedAt,
    Instant finishedAt,
    String lastError,
    Instant lastErrorAt) {

  /** Where a resync stands. */
  public enum State {
    RUNNING,
    COMPLETED
  }

  public FailureResync {
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  public boolean running() {
    return state == State.RUNNING;
  }
}
