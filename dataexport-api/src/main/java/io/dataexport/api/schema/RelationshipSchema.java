package io.dataexport.api.schema;

/**
 * An N:N relationship, exported as the rows of its intersect entity.
 *
 * @param schemaName the relationship's schema name (what profiles list)
 * @param intersectEntity logical name of the intersect entity
 * @param entity1 first entity
 * @param entity1Attribute intersect attribute holding the first entity's id
 * @param entity2 second entity
 * @param entity2Attribute intersect attribute holding the second entity's id
 */
public record RelationshipSchema(
    String schemaName,
    String intersectEntity,
    String entity1,
    String entity1Attribute,
    String entity2,
    String entity2Attribute) {}
