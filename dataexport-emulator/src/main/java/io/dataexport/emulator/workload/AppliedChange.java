package io.dataexport.emulator.workload;

import java.time.Instant;
import java.util.UUID;

/**
 * One change a workload committed.
 *
 * @param entity the entity's logical name
 * @param id the record's id
 * @param operation what was done
 * @param version the version the change was committed with
 * @param committedAt when it was committed (the store's clock)
 * @param committedNanos {@link System#nanoTime()} right after the commit, for latency measurements
 */
public record AppliedChange(
    String entity,
    UUID id,
    Operation operation,
    long version,
    Instant committedAt,
    long committedNanos) {

  /** The kinds of change. */
  public enum Operation {
    CREATE,
    UPDATE,
    DELETE
  }
}
