package io.dataexport.api.schema;

import java.util.List;
import java.util.Optional;

/**
 * The exported shape of one entity.
 *
 * @param logicalName the entity's logical name; the destination table is named after it
 * @param entitySetName the source's collection name (Dataverse entity set)
 * @param primaryIdAttribute the primary key attribute; its values become the {@code Id} column
 * @param changeTrackingEnabled whether the source tracks its changes (required for export)
 * @param intersect whether it is the intersect entity of an N:N relationship
 * @param attributes every exported attribute, the primary key included
 */
public record EntitySchema(
    String logicalName,
    String entitySetName,
    String primaryIdAttribute,
    boolean changeTrackingEnabled,
    boolean intersect,
    List<AttributeSchema> attributes) {

  public EntitySchema {
    attributes = List.copyOf(attributes);
  }

  public Optional<AttributeSchema> attribute(String logicalName) {
    return attributes.stream().filter(a -> a.logicalName().equals(logicalName)).findFirst();
  }
}
