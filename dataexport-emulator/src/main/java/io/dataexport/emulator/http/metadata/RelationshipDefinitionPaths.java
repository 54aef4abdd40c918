package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataPath.Segment;
import io.dataexport.emulator.http.QueryOptions;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The organisation's relationships: {@code RelationshipDefinitions} (all, by key, or cast to {@code
 * ManyToManyRelationshipMetadata} or {@code OneToManyRelationshipMetadata}) and an entity's {@code
 * ManyToManyRelationships}, {@code OneToManyRelationships} and {@code ManyToOneRelationships}.
 *
 * <p>Relationships are written once, at start-up; every answer works on copies.
 */
final class RelationshipDefinitionPaths {
  static final String NAME = "RelationshipDefinitions";

  private final List<ObjectNode> manyToMany;
  private final List<ObjectNode> oneToMany;
  private final List<ObjectNode> all = new ArrayList<>();

  RelationshipDefinitionPaths(OrganisationMetadata metadata) {
    this.manyToMany =
        metadata.relationships().stream().map(RelationshipMetadataJson::manyToMany).toList();
    this.oneToMany =
        LookupRelationship.all(metadata).stream().map(RelationshipMetadataJson::oneToMany).toList();
    all.addAll(manyToMany);
    all.addAll(oneToMany);
  }

  /** Answers a path whose first segment is {@value #NAME}. */
  MetadataAnswer answer(ODataPath path, QueryOptions query) {
    if (path.size() > 2) {
      throw MetadataAnswer.unknownSegment(path.get(2), "nothing after the relationship");
    }
    MetadataType type = path.size() == 2 ? cast(path.get(1)) : RelationshipMetadataJson.BASE;
    String context = path.size() == 2 ? NAME + "/" + path.get(1).name() : NAME;
    Segment root = path.first();
    if (!root.hasKey()) {
      List<ObjectNode> candidates = all.stream().filter(isOf(type)).toList();
      return MetadataAnswer.collection(context, query, query(type).list(candidates, query));
    }
    ObjectNode found = find(root, all, "");
    if (!isOf(type).test(found)) {
      throw ODataException.notFound(
          "The relationship '"
              + found.get("SchemaName").asText()
              + "' is a "
              + found.get("@odata.type").asText().substring(1)
              + ", not a "
              + type.qualifiedName()
              + ".");
    }
    return MetadataAnswer.single(context, query, query(type).single(found, query));
  }

  /** The entity's N:N relationships, either side. */
  List<ObjectNode> manyToManyOf(String entity) {
    return manyToMany.stream()
        .filter(
            r ->
                r.get("Entity1LogicalName").asText().equals(entity)
                    || r.get("Entity2LogicalName").asText().equals(entity))
        .toList();
  }

  /** The 1:N relationships in which other records point at the entity. */
  List<ObjectNode> oneToManyOf(String entity) {
    return oneToMany.stream()
        .filter(r -> r.get("ReferencedEntity").asText().equals(entity))
        .toList();
  }

  /** The 1:N relationships of the entity's own lookups. */
  List<ObjectNode> manyToOneOf(String entity) {
    return oneToMany.stream()
        .filter(r -> r.get("ReferencingEntity").asText().equals(entity))
        .toList();
  }

  /** The query for relationships of the type. */
  static MetadataQuery<ObjectNode> query(MetadataType type) {
    return MetadataQuery.of(type, ObjectNode::deepCopy);
  }

  /**
   * The relationship the segment's key names among the candidates.
   *
   * @throws ODataException 400 for a malformed key, 404 when none matches
   */
  static ObjectNode find(Segment segment, List<ObjectNode> candidates, String where) {
    return MetadataKey.of(segment, "SchemaName")
        .find(
            candidates,
            r -> r.get("SchemaName").asText(),
            r -> UUID.fromString(r.get("MetadataId").asText()),
            "relationship",
            "schema name",
            where);
  }

  private static MetadataType cast(Segment segment) {
    for (MetadataType type :
        List.of(RelationshipMetadataJson.MANY_TO_MANY, RelationshipMetadataJson.ONE_TO_MANY)) {
      if (!segment.hasKey() && segment.name().equals(type.qualifiedName())) {
        return type;
      }
    }
    throw MetadataAnswer.unknownSegment(
        segment,
        "the cast "
            + RelationshipMetadataJson.MANY_TO_MANY.qualifiedName()
            + " or "
            + RelationshipMetadataJson.ONE_TO_MANY.qualifiedName());
  }

  private static Predicate<ObjectNode> isOf(MetadataType type) {
    return r ->
        type == RelationshipMetadataJson.BASE
            || r.get("@odata.type").asText().equals("#" + type.qualifiedName());
  }
}
