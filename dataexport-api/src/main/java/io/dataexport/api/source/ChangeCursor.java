package io.dataexport.api.source;

/**
 * Where a change reader stands in one entity's change stream; saved after every page whose
 * notifications are durable on the bus, so a restart goes on from there.
 *
 * @param phase whether the initial full read is still going on
 * @param link the source's link to read next (a next-page or delta link), or null to start the
 *     initial read from the beginning
 * @param highWaterVersion the highest row version seen so far; deletions, which the source reports
 *     without a version, are given at least this version so that they win over anything read before
 */
public record ChangeCursor(Phase phase, String link, long highWaterVersion) {

  /** The two phases of an entity's stream. */
  public enum Phase {
    /** Reading every current record (the first sync, or a re-export after an expired token). */
    INITIAL,
    /** Following changes since the initial read. */
    DELTA
  }

  /** The start of an initial read. */
  public static ChangeCursor start() {
    return new ChangeCursor(Phase.INITIAL, null, 0);
  }

  /** A new initial read that keeps the high-water version (a re-export). */
  public ChangeCursor restart() {
    return new ChangeCursor(Phase.INITIAL, null, highWaterVersion);
  }
}
