package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.metadata.EntityDefinition;
import java.util.List;

/** Writes an entity as {@code EntityMetadata}, without its navigation properties. */
final class EntityMetadataJson {
  static final String ATTRIBUTES = "Attributes";
  static final String MANY_TO_MANY = "ManyToManyRelationships";
  static final String ONE_TO_MANY = "OneToManyRelationships";
  static final String MANY_TO_ONE = "ManyToOneRelationships";
  static final String KEYS = "Keys";

  static final MetadataType TYPE =
      MetadataType.of(
          "EntityMetadata",
          List.of(
              "MetadataId",
              "LogicalName",
              "SchemaName",
              "EntitySetName",
              "LogicalCollectionName",
              "ObjectTypeCode",
              "PrimaryIdAttribute",
              "PrimaryNameAttribute",
              "ChangeTrackingEnabled",
              "IsIntersect",
              "IsCustomEntity",
              "DisplayName"),
          List.of(ATTRIBUTES, MANY_TO_MANY, ONE_TO_MANY, MANY_TO_ONE, KEYS));

  private EntityMetadataJson() {}

  /** The entity's structural properties. */
  static ObjectNode of(EntityDefinition entity) {
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    node.put("MetadataId", entity.metadataId().toString());
    node.put("LogicalName", entity.logicalName());
    node.put("SchemaName", entity.schemaName());
    node.put("EntitySetName", entity.entitySetName());
    node.put("LogicalCollectionName", entity.entitySetName());
    node.put("ObjectTypeCode", entity.objectTypeCode());
    node.put("PrimaryIdAttribute", entity.primaryIdAttribute());
    node.put("PrimaryNameAttribute", entity.primaryNameAttribute());
    node.put("ChangeTrackingEnabled", entity.changeTrackingEnabled());
    node.put("IsIntersect", entity.intersect());
    // the sample organisation models system entities only; its cr_ columns are custom, not tables
    node.put("IsCustomEntity", false);
    node.set(
        "DisplayName",
        LabelJson.of(entity.displayName(), "entity/" + entity.logicalName() + "/DisplayName"));
    return node;
  }
}
