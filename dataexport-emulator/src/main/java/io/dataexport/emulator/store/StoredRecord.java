package io.dataexport.emulator.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One record as the store holds it at one version; immutable (its value array is never changed
 * after it is stored).
 *
 * @param id the record's primary key
 * @param position its place in the entity's paging order (stable for the record's lifetime)
 * @param version the row version of its last change ({@code versionnumber})
 * @param values attribute values in attribute order, or null for a deleted record (tombstone)
 * @param changedAt when the last change was committed
 */
public record StoredRecord(
    UUID id, long position, long version, Object[] values, Instant changedAt) {

  public boolean deleted() {
    return values == null;
  }
}
