package io.dataexport.emulator.store;

import java.util.Objects;
import java.util.UUID;

/**
 * The value of a lookup, customer or owner attribute: which record of which entity it points to.
 *
 * @param logicalName the target entity's logical name
 * @param id the target record's id
 */
public record EntityReference(String logicalName, UUID id) {
  public EntityReference {
    Objects.requireNonNull(logicalName, "logicalName");
    Objects.requireNonNull(id, "id");
  }
}
