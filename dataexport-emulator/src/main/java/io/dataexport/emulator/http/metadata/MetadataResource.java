package io.dataexport.emulator.http.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataResponse;
import io.dataexport.emulator.http.QueryOptions;
import io.dataexport.emulator.metadata.OrganisationMetadata;

/**
 * Metadata queries: {@code EntityDefinitions}, their {@code Attributes} (with typed casts and
 * {@code $expand=OptionSet,GlobalOptionSet}), relationships and global option sets.
 *
 * <p>Answers are built from the model on every request; metadata is small and never paged.
 */
public final class MetadataResource {
  private final String contextRoot;
  private final JsonBodies json = new JsonBodies();
  private final EntityDefinitionPaths entityDefinitions;
  private final GlobalOptionSetPaths globalOptionSets;
  private final RelationshipDefinitionPaths relationshipDefinitions;

  /**
   * @param metadata the organisation's metadata, fixed for the resource's lifetime
   * @param serviceRoot the Web API root ending in {@code /}, e.g. {@code
   *     http://localhost:8090/api/data/v9.2/}; {@code @odata.context} values start with it
   */
  public MetadataResource(OrganisationMetadata metadata, String serviceRoot) {
    this.contextRoot = serviceRoot + "$metadata#";
    this.relationshipDefinitions = new RelationshipDefinitionPaths(metadata);
    this.entityDefinitions = new EntityDefinitionPaths(metadata, relationshipDefinitions);
    this.globalOptionSets = new GlobalOptionSetPaths(metadata);
  }

  /** Whether this resource answers paths starting with the segment named {@code name}. */
  public static boolean handles(String name) {
    return name.equals(EntityDefinitionPaths.NAME)
        || name.equals(GlobalOptionSetPaths.NAME)
        || name.equals(RelationshipDefinitionPaths.NAME);
  }

  /**
   * Answers a GET of a metadata path.
   *
   * @throws io.dataexport.emulator.http.ODataException 404 for unknown entities or attributes, 400
   *     for unsupported options or malformed filters
   */
  public ODataResponse get(ODataPath path, QueryOptions query) {
    MetadataAnswer answer =
        switch (path.first().name()) {
          case EntityDefinitionPaths.NAME -> entityDefinitions.answer(path, query);
          case GlobalOptionSetPaths.NAME -> globalOptionSets.answer(path, query);
          case RelationshipDefinitionPaths.NAME -> relationshipDefinitions.answer(path, query);
          default ->
              throw MetadataAnswer.unknownSegment(
                  path.first(),
                  EntityDefinitionPaths.NAME
                      + ", "
                      + GlobalOptionSetPaths.NAME
                      + " or "
                      + RelationshipDefinitionPaths.NAME);
        };
    ObjectNode body = json.object();
    body.put("@odata.context", contextRoot + answer.context());
    if (answer.result() instanceof ObjectNode item) {
      body.setAll(item);
    } else {
      body.set("value", answer.result());
    }
    return ODataResponse.json(200, json.bytes(body));
  }
}
