package io.dataexport.dataverse.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.api.schema.AttributeType;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.OptionSetSchema;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.api.schema.SourceCatalog;
import io.dataexport.dataverse.http.WebApiClient;
import io.dataexport.dataverse.http.WebApiNotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads entity and relationship metadata from {@code EntityDefinitions} and {@code
 * RelationshipDefinitions} and maps it to the service's schema model. Stateless and thread-safe;
 * metadata is read afresh on every call (it is small, and read only when a sync starts).
 */
public final class MetadataReader {
  private static final String ENTITY_PROPERTIES =
      "LogicalName,EntitySetName,PrimaryIdAttribute,ChangeTrackingEnabled,IsIntersect";
  private static final String MANY_TO_MANY_PROPERTIES =
      "SchemaName,IntersectEntityName,Entity1LogicalName,Entity1IntersectAttribute,"
          + "Entity2LogicalName,Entity2IntersectAttribute";

  private final WebApiClient client;
  private final URI webApiRoot;
  private final OptionSetReader optionSets;

  /**
   * @param client the Web API client
   * @param webApiRoot the Web API root, ending in {@code /}
   */
  public MetadataReader(WebApiClient client, URI webApiRoot) {
    this.client = client;
    this.webApiRoot = webApiRoot;
    this.optionSets = new OptionSetReader(client);
  }

  /**
   * The entity-level metadata of an entity.
   *
   * @throws ConfigurationException when the entity does not exist
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   */
  public EntityDefinition entityDefinition(String logicalName) {
    URI uri = entityUri(logicalName, "?$select=" + ENTITY_PROPERTIES);
    JsonNode entity;
    try {
      entity = client.getJson(uri);
    } catch (WebApiNotFoundException e) {
      throw new ConfigurationException(
          "Entity '"
              + logicalName
              + "' does not exist in the organisation. Check the logical name in entities: it is"
              + " lower-case, e.g. 'account', and custom entities carry their publisher prefix,"
              + " e.g. 'cr123_project'.",
          e);
    }
    return new EntityDefinition(
        entity.path("LogicalName").asText(logicalName),
        entity.path("EntitySetName").asText(),
        entity.path("PrimaryIdAttribute").asText(),
        entity.path("ChangeTrackingEnabled").asBoolean(false),
        entity.path("IsIntersect").asBoolean(false));
  }

  /**
   * The exported shape of an entity: its readable attributes with types, lengths, precisions,
   * lookup targets and option sets, in the order Dataverse lists them.
   *
   * @throws ConfigurationException when the entity does not exist
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   */
  public EntitySchema describe(String logicalName) {
    EntityDefinition entity = entityDefinition(logicalName);
    // without $select: Dataverse (and the emulator) lets type-specific properties such as
    // MaxLength or Targets be selected only through casts, but returns them all unselected
    URI attributesUri = entityUri(entity.logicalName(), "/Attributes");
    JsonNode attributes = client.getJson(attributesUri).path("value");
    Set<String> lookups = AttributeMapper.lookups(attributes);
    Set<String> casts = new LinkedHashSet<>();
    for (JsonNode attribute : attributes) {
      AttributeMapper.typeOf(attribute, lookups)
          .map(AttributeMapper.OPTION_SET_CASTS::get)
          .ifPresent(casts::add);
    }
    Map<String, OptionSetSchema> sets = optionSets.read(attributesUri, casts);
    List<AttributeSchema> exported = new ArrayList<>();
    for (JsonNode attribute : attributes) {
      Optional<AttributeType> type = AttributeMapper.typeOf(attribute, lookups);
      type.ifPresent(t -> exported.add(AttributeMapper.schema(attribute, t, sets)));
    }
    if (exported.stream().noneMatch(a -> a.logicalName().equals(entity.primaryIdAttribute()))) {
      throw new ConfigurationException(
          "Entity '"
              + logicalName
              + "' has no readable primary key attribute '"
              + entity.primaryIdAttribute()
              + "'; it cannot be exported. Remove it from entities.");
    }
    return new EntitySchema(
        entity.logicalName(),
        entity.entitySetName(),
        entity.primaryIdAttribute(),
        entity.changeTrackingEnabled(),
        entity.intersect(),
        exported);
  }

  /**
   * An N:N relationship by schema name.
   *
   * @throws ConfigurationException when no N:N relationship has this name
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   */
  public RelationshipSchema relationship(String schemaName) {
    MetadataNames.require(schemaName, "relationship");
    URI uri =
        webApiRoot.resolve(
            "RelationshipDefinitions(SchemaName='"
                + schemaName
                + "')/Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata?$select="
                + MANY_TO_MANY_PROPERTIES);
    JsonNode relationship;
    try {
      relationship = client.getJson(uri);
    } catch (WebApiNotFoundException e) {
      throw new ConfigurationException(
          "No N:N relationship named '"
              + schemaName
              + "' exists in the organisation. Check relationships: they are schema names of"
              + " many-to-many relationships, e.g. 'accountleads_association'.",
          e);
    }
    return new RelationshipSchema(
        relationship.path("SchemaName").asText(schemaName),
        relationship.path("IntersectEntityName").asText(),
        relationship.path("Entity1LogicalName").asText(),
        relationship.path("Entity1IntersectAttribute").asText(),
        relationship.path("Entity2LogicalName").asText(),
        relationship.path("Entity2IntersectAttribute").asText());
  }

  /**
   * Every entity (but the intersect entities of N:N relationships, which are chosen through their
   * relationship) and every N:N relationship of the organisation.
   *
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   */
  public SourceCatalog catalog() {
    JsonNode entities =
        client
            .getJson(
                webApiRoot.resolve(
                    "EntityDefinitions?$select=LogicalName,DisplayName,ChangeTrackingEnabled,"
                        + "IsIntersect"))
            .path("value");
    List<SourceCatalog.Entity> listed = new ArrayList<>();
    for (JsonNode entity : entities) {
      if (entity.path("IsIntersect").asBoolean(false)) {
        continue;
      }
      String name = entity.path("LogicalName").asText();
      String label = entity.path("DisplayName").path("UserLocalizedLabel").path("Label").asText("");
      listed.add(
          new SourceCatalog.Entity(
              name,
              label.isBlank() ? name : label,
              entity.path("ChangeTrackingEnabled").asBoolean(false)));
    }
    JsonNode relationships =
        client
            .getJson(
                webApiRoot.resolve(
                    "RelationshipDefinitions/Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata"
                        + "?$select=SchemaName,Entity1LogicalName,Entity2LogicalName,"
                        + "IntersectEntityName"))
            .path("value");
    List<SourceCatalog.Relationship> pairs = new ArrayList<>();
    for (JsonNode relationship : relationships) {
      pairs.add(
          new SourceCatalog.Relationship(
              relationship.path("SchemaName").asText(),
              relationship.path("Entity1LogicalName").asText(),
              relationship.path("Entity2LogicalName").asText(),
              relationship.path("IntersectEntityName").asText()));
    }
    return new SourceCatalog(listed, pairs);
  }

  private URI entityUri(String logicalName, String rest) {
    MetadataNames.require(logicalName, "entity");
    return webApiRoot.resolve("EntityDefinitions(LogicalName='" + logicalName + "')" + rest);
  }
}
