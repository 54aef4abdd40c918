package io.dataexport.core.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.store.FailureResync;
import java.time.Instant;

/**
 * Where a profile's latest resync of failed records stands, as the status shows it ({@code
 * failureResync}). The job covers the entries in the failure log when it began ({@code total});
 * each is either resynced (read again and put on the bus; its entry left the log) or skipped (left
 * in the log: its entity is no longer exported, or was being read in full, which resolves it).
 * Entries a full read resolved meanwhile are neither, so {@code resynced + skipped} may stay below
 * {@code total}; {@link #percent()} is 100 once the job completed.
 *
 * @param state running, paused (the profile is not active; the job goes on when it is activated
 *     again) or completed
 * @param total entries in the failure log when the job began
 * @param resynced records read again and put on the bus
 * @param skipped entries left in the log
 * @param startedAt when the job began
 * @param finishedAt when it completed, or null
 * @param lastError the last failure that held it up (it then tries again), or null
 * @param lastErrorAt when that was, or null
 */
public record FailureResyncStatus(
    State state,
    long total,
    long resynced,
    long skipped,
    Instant startedAt,
    Instant finishedAt,
    String lastError,
    Instant lastErrorAt) {

  /** A resync's state as the API names it. */
  public enum State {
    RUNNING("running"),
    PAUSED("paused"),
    COMPLETED("completed");

    private final String wireName;

    State(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /**
   * The status of a stored job.
   *
   * @param profileActive whether the profile is active: its job then runs (or is about to, while
   *     the profile resumes after a restart)
   */
  public static FailureResyncStatus of(FailureResync job, boolean profileActive) {
    State state = !job.running() ? State.COMPLETED : profileActive ? State.RUNNING : State.PAUSED;
    return new FailureResyncStatus(
        state,
        job.totalRecords(),
        job.resynced(),
        job.skipped(),
        job.startedAt(),
        job.finishedAt(),
        job.lastError(),
        job.lastErrorAt());
  }

  /** How far the job has come, 0 to 100 (one decimal); 100 once completed. */
  public double percent() {
    if (state == State.COMPLETED) {
      return 100;
    }
    if (total == 0) {
      return 0;
    }
    return Math.min(100.0, Math.round(1000.0 * (resynced + skipped) / total) / 10.0);
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("state", state.wireName());
    json.put("totalRecords", total);
    json.put("resyncedRecords", resynced);
    json.put("skippedRecords", skipped);
    json.put("percent", percent());
    json.put("startedAt", startedAt.toString());
    json.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
    json.put("lastError", lastError);
    json.put("lastErrorAt", lastErrorAt == null ? null : lastErrorAt.toString());
    return json;
  }
}
