package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.metadata.RelationshipDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes relationships: {@code ManyToManyRelationshipMetadata} from the model's N:N relationships,
 * {@code OneToManyRelationshipMetadata} from its lookups.
 */
final class RelationshipMetadataJson {
  private static final List<String> BASE_PROPERTIES =
      List.of("MetadataId", "SchemaName", "RelationshipType", "IsCustomRelationship");

  private static final List<String> MANY_TO_MANY_PROPERTIES =
      List.of(
          "IntersectEntityName",
          "Entity1LogicalName",
          "Entity1IntersectAttribute",
          "Entity1NavigationPropertyName",
          "Entity2LogicalName",
          "Entity2IntersectAttribute",
          "Entity2NavigationPropertyName");

  private static final List<String> ONE_TO_MANY_PROPERTIES =
      List.of(
          "ReferencedEntity",
          "ReferencedAttribute",
          "ReferencingEntity",
          "ReferencingAttribute",
          "ReferencedEntityNavigationPropertyName",
          "ReferencingEntityNavigationPropertyName");

  static final MetadataType MANY_TO_MANY =
      MetadataType.of("ManyToManyRelationshipMetadata", with(MANY_TO_MANY_PROPERTIES), List.of());

  static final MetadataType ONE_TO_MANY =
      MetadataType.of("OneToManyRelationshipMetadata", with(ONE_TO_MANY_PROPERTIES), List.of());

  /** The base type of {@code RelationshipDefinitions} without a cast. */
  static final MetadataType BASE = base();

  private RelationshipMetadataJson() {}

  private static List<String> with(List<String> more) {
    List<String> all = new ArrayList<>(BASE_PROPERTIES);
    all.addAll(more);
    return all;
  }

  private static MetadataType base() {
    Map<String, String> owners = new HashMap<>();
    MANY_TO_MANY_PROPERTIES.forEach(p -> owners.put(p, MANY_TO_MANY.name()));
    ONE_TO_MANY_PROPERTIES.forEach(p -> owners.put(p, ONE_TO_MANY.name()));
    return new MetadataType(
        "RelationshipMetadataBase", new LinkedHashSet<>(BASE_PROPERTIES), Set.of(), owners);
  }

  /** An N:N relationship; its schema name is the navigation property on both sides. */
  static ObjectNode manyToMany(RelationshipDefinition relationship) {
    ObjectNode node =
        start(MANY_TO_MANY, relationship.metadataId().toString(), relationship.schemaName());
    node.put("RelationshipType", "ManyToManyRelationship");
    node.put("IsCustomRelationship", false);
    node.put("IntersectEntityName", relationship.intersectEntityName());
    node.put("Entity1LogicalName", relationship.entity1LogicalName());
    node.put("Entity1IntersectAttribute", relationship.entity1IntersectAttribute());
    node.put("Entity1NavigationPropertyName", relationship.schemaName());
    node.put("Entity2LogicalName", relationship.entity2LogicalName());
    node.put("Entity2IntersectAttribute", relationship.entity2IntersectAttribute());
    node.put("Entity2NavigationPropertyName", relationship.schemaName());
    return node;
  }

  /** A 1:N relationship derived from a lookup. */
  static ObjectNode oneToMany(LookupRelationship relationship) {
    ObjectNode node =
        start(
            ONE_TO_MANY,
            StableIds.of("relationship", relationship.schemaName()).toString(),
            relationship.schemaName());
    node.put("RelationshipType", "OneToManyRelationship");
    node.put("IsCustomRelationship", false);
    node.put("ReferencedEntity", relationship.referencedEntity());
    node.put("ReferencedAttribute", relationship.referencedAttribute());
    node.put("ReferencingEntity", relationship.referencingEntity());
    node.put("ReferencingAttribute", relationship.referencingAttribute());
    node.put("ReferencedEntityNavigationPropertyName", relationship.schemaName());
    node.put("ReferencingEntityNavigationPropertyName", relationship.referencingNavigation());
    return node;
  }

  private static ObjectNode start(MetadataType type, String metadataId, String schemaName) {
    ObjectNode node = JsonBodies.MAPPER.createObjectNode();
    node.put("@odata.type", "#" + type.qualifiedName());
    node.put("MetadataId", metadataId);
    node.put("SchemaName", schemaName);
    return node;
  }
}
