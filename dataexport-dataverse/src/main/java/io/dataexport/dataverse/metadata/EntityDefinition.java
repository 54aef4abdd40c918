package io.dataexport.dataverse.metadata;

/**
 * The entity-level metadata of one entity, as {@code EntityDefinitions(LogicalName='x')} gives it.
 *
 * @param logicalName the logical name
 * @param entitySetName the Web API collection name, e.g. {@code accounts}
 * @param primaryIdAttribute the primary key attribute
 * @param changeTrackingEnabled whether the organisation tracks its changes
 * @param intersect whether it is the intersect entity of an N:N relationship
 */
public record EntityDefinition(
    String logicalName,
    String entitySetName,
    String primaryIdAttribute,
    boolean changeTrackingEnabled,
    boolean intersect) {}
