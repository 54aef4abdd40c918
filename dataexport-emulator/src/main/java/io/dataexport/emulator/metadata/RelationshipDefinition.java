package io.dataexport.emulator.metadata;

import java.util.UUID;

/**
 * A many-to-many relationship, stored as rows of its intersect entity.
 *
 * @param schemaName relationship schema name, also the navigation property on both sides
 * @param intersectEntityName logical name of the intersect entity holding the pairs
 * @param entity1LogicalName first entity
 * @param entity1IntersectAttribute intersect attribute holding the first entity's id
 * @param entity2LogicalName second entity
 * @param entity2IntersectAttribute intersect attribute holding the second entity's id
 * @param metadataId stable metadata id
 */
public record RelationshipDefinition(
    String schemaName,
    String intersectEntityName,
    String entity1LogicalName,
    String entity1IntersectAttribute,
    String entity2LogicalName,
    String entity2IntersectAttribute,
    UUID metadataId) {}
