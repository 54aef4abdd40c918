package io.dataexport.jdbc.dialect;

/** What a failed SQL statement means for the caller; see {@link SqlErrorClassifier}. */
public enum SqlFailureKind {
  /**
   * The database takes nothing now: it cannot be reached, refuses the connection (down, restarting,
   * too many connections, no connection in time) or can write nothing (disk full, out of memory).
   * Try again later; no record is to blame.
   */
  UNAVAILABLE,
  /** May go away by itself on a database that works (lock or statement timeout, deadlock). */
  RETRIABLE,
  /** The data cannot be written as it is (constraint, value too long): isolate the record. */
  PERMANENT,
  /** The destination is set up wrongly (missing table or privilege, read-only database). */
  CONFIGURATION
}
