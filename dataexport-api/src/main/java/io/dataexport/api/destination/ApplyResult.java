package io.dataexport.api.destination;

import java.util.List;

/**
 * What {@link Destination#apply} did besides committing the batch.
 *
 * @param refusedDeletes deletes the version guard refused because the row is newer
 */
public record ApplyResult(List<RefusedDelete> refusedDeletes) {
  /** Every delete of the batch took effect (or found no row). */
  public static final ApplyResult CLEAN = new ApplyResult(List.of());

  public ApplyResult {
    refusedDeletes = List.copyOf(refusedDeletes);
  }

  /** A result with these refused deletes, {@link #CLEAN} when there are none. */
  public static ApplyResult of(List<RefusedDelete> refusedDeletes) {
    return refusedDeletes.isEmpty() ? CLEAN : new ApplyResult(refusedDeletes);
  }
}
