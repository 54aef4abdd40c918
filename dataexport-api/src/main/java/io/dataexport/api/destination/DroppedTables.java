package io.dataexport.api.destination;

import java.util.List;

/**
 * What {@link Destination#dropTables} removed, for an administrator to read.
 *
 * @param dropped the tables dropped, as the destination names them (schema-qualified where it has
 *     schemas, e.g. {@code export.crm_account})
 * @param kept the service's shared tables (metadata, tombstones, DeleteLog) that stayed because
 *     other entities still have rows in them; the rows of the dropped entities were deleted from
 *     them
 */
public record DroppedTables(List<String> dropped, List<String> kept) {
  public DroppedTables {
    dropped = List.copyOf(dropped);
    kept = List.copyOf(kept);
  }
}
