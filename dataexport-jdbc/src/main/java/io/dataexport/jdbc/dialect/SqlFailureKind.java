package io.dataexport.jdbc.dialect;

/** What a failed SQL statement means for the caller; see {@link SqlErrorClassifier}. */
public enum SqlFailureKind {
  /** May go away by itself (lock, lost connection, full disk): try again. */
  RETRIABLE,
  /** The data cannot be written as it is (constraint, value too long): isolate the record. */
  PERMANENT,
  /** The destination is set up wrongly (missing table or privilege, read-only database). */
  CONFIGURATION
}
