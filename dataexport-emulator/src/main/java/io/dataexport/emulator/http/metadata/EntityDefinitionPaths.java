package io.dataexport.emulator.http.metadata;

import static io.dataexport.emulator.http.metadata.EntityMetadataJson.ATTRIBUTES;
import static io.dataexport.emulator.http.metadata.EntityMetadataJson.KEYS;
import static io.dataexport.emulator.http.metadata.EntityMetadataJson.MANY_TO_MANY;
import static io.dataexport.emulator.http.metadata.EntityMetadataJson.MANY_TO_ONE;
import static io.dataexport.emulator.http.metadata.EntityMetadataJson.ONE_TO_MANY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataPath.Segment;
import io.dataexport.emulator.http.QueryOptions;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OptionSetDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import java.util.List;

/**
 * {@code EntityDefinitions}, one entity by key, and below it {@code Attributes} (all, by key, and
 * cast to a derived attribute type), the entity's relationships and its (always empty) {@code
 * Keys}.
 */
final class EntityDefinitionPaths {
  static final String NAME = "EntityDefinitions";

  // the emulator models no alternate keys; the type exists so $select on Keys is still checked
  private static final MetadataQuery<ObjectNode> KEY_QUERY =
      MetadataQuery.of(
          MetadataType.of(
              "EntityKeyMetadata",
              List.of("MetadataId", "LogicalName", "SchemaName", "KeyAttributes"),
              List.of()),
          ObjectNode::deepCopy);

  private final OrganisationMetadata metadata;
  private final RelationshipDefinitionPaths relationships;
  private final MetadataQuery<EntityDefinition> entities;

  EntityDefinitionPaths(OrganisationMetadata metadata, RelationshipDefinitionPaths relationships) {
    this.metadata = metadata;
    this.relationships = relationships;
    this.entities =
        new MetadataQuery<>(EntityMetadataJson.TYPE, EntityMetadataJson::of, this::expand);
  }

  /** Answers a path whose first segment is {@value #NAME}. */
  MetadataAnswer answer(ODataPath path, QueryOptions query) {
    Segment root = path.first();
    if (!root.hasKey()) {
      if (path.size() > 1) {
        throw MetadataAnswer.unknownSegment(
            path.get(1), "an entity key first, as in EntityDefinitions(LogicalName='account')");
      }
      return MetadataAnswer.collection(NAME, query, entities.list(metadata.entities(), query));
    }
    EntityDefinition entity =
        MetadataKey.of(root, "LogicalName")
            .find(
                metadata.entities(),
                EntityDefinition::logicalName,
                EntityDefinition::metadataId,
                "entity",
                "logical name",
                "");
    if (path.size() == 1) {
      return MetadataAnswer.single(NAME, query, entities.single(entity, query));
    }
    String context = NAME + "('" + entity.logicalName() + "')/" + path.get(1).name();
    String name = entity.logicalName();
    return switch (path.get(1).name()) {
      case ATTRIBUTES -> attributes(entity, path, query, context);
      case MANY_TO_MANY ->
          relationship(
              path,
              query,
              context,
              relationships.manyToManyOf(name),
              RelationshipMetadataJson.MANY_TO_MANY);
      case ONE_TO_MANY ->
          relationship(
              path,
              query,
              context,
              relationships.oneToManyOf(name),
              RelationshipMetadataJson.ONE_TO_MANY);
      case MANY_TO_ONE ->
          relationship(
              path,
              query,
              context,
              relationships.manyToOneOf(name),
              RelationshipMetadataJson.ONE_TO_MANY);
      case KEYS -> {
        if (path.size() > 2 || path.get(1).hasKey()) {
          throw ODataException.notFound("Entity '" + name + "' has no alternate keys.");
        }
        yield MetadataAnswer.collection(context, query, KEY_QUERY.list(List.of(), query));
      }
      default ->
          throw MetadataAnswer.unknownSegment(
              path.get(1), "one of " + EntityMetadataJson.TYPE.navigations());
    };
  }

  private MetadataAnswer attributes(
      EntityDefinition entity, ODataPath path, QueryOptions query, String context) {
    if (path.size() > 3) {
      throw MetadataAnswer.unknownSegment(path.get(3), "nothing after an attribute type cast");
    }
    MetadataType type = AttributeTypes.BASE;
    if (path.size() == 3) {
      type = attributeCast(path.get(2));
      context += "/" + path.get(2).name();
    }
    MetadataQuery<AttributeDefinition> attributes = attributeQuery(entity, type);
    Segment segment = path.get(1);
    if (!segment.hasKey()) {
      MetadataType castTo = type;
      List<AttributeDefinition> ofType =
          entity.attributes().stream()
              .filter(a -> AttributeTypes.includes(castTo, a.kind()))
              .toList();
      return MetadataAnswer.collection(context, query, attributes.list(ofType, query));
    }
    AttributeDefinition attribute =
        MetadataKey.of(segment, "LogicalName")
            .find(
                entity.attributes(),
                AttributeDefinition::logicalName,
                AttributeDefinition::metadataId,
                "attribute",
                "logical name",
                " on entity '" + entity.logicalName() + "'");
    if (!AttributeTypes.includes(type, attribute.kind())) {
      throw ODataException.notFound(
          "The attribute '"
              + attribute.logicalName()
              + "' of entity '"
              + entity.logicalName()
              + "' is a "
              + AttributeTypes.of(attribute.kind()).qualifiedName()
              + ", not a "
              + type.qualifiedName()
              + ".");
    }
    return MetadataAnswer.single(context, query, attributes.single(attribute, query));
  }

  private static MetadataType attributeCast(Segment segment) {
    return AttributeTypes.cast(segment.hasKey() ? "" : segment.name())
        .orElseThrow(
            () ->
                MetadataAnswer.unknownSegment(
                    segment,
                    "an attribute type cast "
                        + MetadataType.NAMESPACE
                        + "<type>, where <type> is one of "
                        + AttributeTypes.castNames()));
  }

  private MetadataAnswer relationship(
      ODataPath path,
      QueryOptions query,
      String context,
      List<ObjectNode> candidates,
      MetadataType type) {
    if (path.size() > 2) {
      throw MetadataAnswer.unknownSegment(path.get(2), "nothing after a relationship");
    }
    Segment segment = path.get(1);
    MetadataQuery<ObjectNode> relationshipQuery = RelationshipDefinitionPaths.query(type);
    if (!segment.hasKey()) {
      return MetadataAnswer.collection(context, query, relationshipQuery.list(candidates, query));
    }
    ObjectNode found =
        RelationshipDefinitionPaths.find(
            segment, candidates, " in " + segment.name() + " of " + path.first());
    return MetadataAnswer.single(context, query, relationshipQuery.single(found, query));
  }

  private MetadataQuery<AttributeDefinition> attributeQuery(
      EntityDefinition entity, MetadataType type) {
    return new MetadataQuery<>(
        type, a -> AttributeMetadataJson.of(entity, a), EntityDefinitionPaths::optionSet);
  }

  private JsonNode expand(EntityDefinition entity, ExpandItem item) {
    QueryOptions nested = item.nested();
    String name = entity.logicalName();
    return switch (item.name()) {
      case ATTRIBUTES ->
          attributeQuery(entity, AttributeTypes.BASE).list(entity.attributes(), nested);
      case MANY_TO_MANY ->
          RelationshipDefinitionPaths.query(RelationshipMetadataJson.MANY_TO_MANY)
              .list(relationships.manyToManyOf(name), nested);
      case ONE_TO_MANY ->
          RelationshipDefinitionPaths.query(RelationshipMetadataJson.ONE_TO_MANY)
              .list(relationships.oneToManyOf(name), nested);
      case MANY_TO_ONE ->
          RelationshipDefinitionPaths.query(RelationshipMetadataJson.ONE_TO_MANY)
              .list(relationships.manyToOneOf(name), nested);
      case KEYS -> KEY_QUERY.list(List.of(), nested);
      default -> throw new IllegalStateException("EntityMetadata has no navigation " + item.name());
    };
  }

  /**
   * {@code OptionSet} or {@code GlobalOptionSet} of a choice or Boolean attribute. Like Dataverse,
   * a global option set fills both; a local one only {@code OptionSet}.
   */
  private static JsonNode optionSet(AttributeDefinition attribute, ExpandItem item) {
    OptionSetDefinition set = attribute.optionSet();
    boolean present = set != null && (item.name().equals("OptionSet") || set.global());
    if (!present) {
      return NullNode.instance;
    }
    return MetadataQuery.of(OptionSetMetadataJson.typeOf(set), OptionSetMetadataJson::of)
        .single(set, item.nested());
  }
}
