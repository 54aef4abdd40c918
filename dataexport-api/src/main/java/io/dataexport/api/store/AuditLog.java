package io.dataexport.api.store;

import java.time.Instant;
import java.util.List;

/**
 * The audit log: what administrators and operators did through the API. Obtained from {@link
 * ConfigStore#audit()}; thread-safe like the store.
 *
 * <p>Storage failures throw {@link io.dataexport.api.error.RetriableException}.
 */
public interface AuditLog {
  /**
   * Appends an entry (its {@link AuditEntry#id()} is ignored).
   *
   * @return the entry as stored, with its id
   */
  AuditEntry record(AuditEntry entry);

  /** Up to {@code limit} entries with an id above {@code afterId}, oldest first. */
  List<AuditEntry> entries(long afterId, int limit);

  /**
   * Removes the entries older than {@code before} (retention).
   *
   * @return how many were removed
   */
  int deleteBefore(Instant before);
}
