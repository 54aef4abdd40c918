package io.dataexport.api.notification;

/** What a sync notification asks the destination to do with its record. */
public enum Operation {
  /** The record was created or updated: write its state. */
  UPSERT,
  /** The record was deleted: remove it. */
  DELETE
}
