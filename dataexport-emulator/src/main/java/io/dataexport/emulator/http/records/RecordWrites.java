package io.dataexport.emulator.http.records;

import io.dataexport.emulator.http.JsonBodies;
import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataResponse;
import io.dataexport.emulator.http.WebApiRequest;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.RelationshipDefinition;
import io.dataexport.emulator.store.DuplicateRecordException;
import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.emulator.store.StoredRecord;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes as the Web API takes them: {@code POST} creates (204 with {@code OData-EntityId}, or 201
 * with the record when {@code Prefer: return=representation}), {@code PATCH} updates or upserts,
 * {@code DELETE} deletes, and {@code $ref} associates or disassociates N:N pairs and clears
 * lookups.
 */
final class RecordWrites {
  static final String DUPLICATE_KEY = "0x80040237";
  private static final Pattern REFERENCE =
      Pattern.compile("(?:.*/)?([A-Za-z_][A-Za-z0-9_]*)\\(([0-9a-fA-F-]{36})\\)");

  private final OrganisationStore store;
  private final String serviceRoot;
  private final RecordJsonWriter writer;
  private final RecordPayloadReader payloads;
  private final JsonBodies json = new JsonBodies();

  RecordWrites(
      OrganisationStore store,
      String serviceRoot,
      RecordJsonWriter writer,
      RecordPayloadReader payloads) {
    this.store = store;
    this.serviceRoot = serviceRoot;
    this.writer = writer;
    this.payloads = payloads;
  }

  ODataResponse create(EntityDefinition entity, WebApiRequest request) {
    Map<Integer, Object> values = payloads.read(entity, json.parseObject(request.body()));
    Object[] record = new Object[entity.attributes().size()];
    values.forEach((index, value) -> record[index] = value);
    StoredRecord created;
    try {
      created = store.create(entity, record);
    } catch (DuplicateRecordException e) {
      throw ODataException.badRequest(DUPLICATE_KEY, e.getMessage());
    }
    return written(entity, created, request, 201);
  }

  /** PATCH: updates a record, or creates it with that id unless {@code If-Match: *} forbids. */
  ODataResponse upsert(EntityDefinition entity, UUID id, WebApiRequest request) {
    Map<Integer, Object> values = payloads.read(entity, json.parseObject(request.body()));
    Object bodyId = values.remove(entity.primaryIdIndex());
    if (bodyId != null && !bodyId.equals(id)) {
      throw ODataException.badRequest(
          RecordPayloadReader.PAYLOAD_ERROR,
          "The body's "
              + entity.primaryIdAttribute()
              + " "
              + bodyId
              + " differs from the id in the URL "
              + id
              + ".");
    }
    boolean exists = store.table(entity.logicalName()).get(id).isPresent();
    if (exists && "*".equals(request.ifNoneMatch())) {
      throw new ODataException(
          412, DUPLICATE_KEY, "A record with matching key values already exists.");
    }
    if (!exists && "*".equals(request.ifMatch())) {
      throw RecordReads.notFound(entity, id);
    }
    Optional<StoredRecord> updated = exists ? store.update(entity, id, values) : Optional.empty();
    if (updated.isPresent()) {
      return written(entity, updated.get(), request, 200);
    }
    Object[] record = new Object[entity.attributes().size()];
    values.forEach((index, value) -> record[index] = value);
    record[entity.primaryIdIndex()] = id;
    try {
      return written(entity, store.create(entity, record), request, 201);
    } catch (DuplicateRecordException e) {
      // created concurrently between the check and the create: apply as an update instead
      return written(
          entity,
          store.update(entity, id, values).orElseThrow(() -> RecordReads.notFound(entity, id)),
          request,
          200);
    }
  }

  ODataResponse delete(EntityDefinition entity, UUID id) {
    if (store.delete(entity, id).isEmpty()) {
      throw RecordReads.notFound(entity, id);
    }
    return ODataResponse.noContent(Map.of());
  }

  /** {@code .../<navigation>/$ref} and {@code .../<navigation>(<id>)/$ref}. */
  ODataResponse reference(EntityDefinition entity, UUID id, WebApiRequest request) {
    ODataPath path = request.path();
    if (path.size() != 3) {
      throw ODataException.badRequest(
          "Expected <entityset>(<id>)/<navigation property>/$ref, got '" + path + "'.");
    }
    ODataPath.Segment navigation = path.get(1);
    store.table(entity.logicalName()).get(id).orElseThrow(() -> RecordReads.notFound(entity, id));
    Optional<RelationshipDefinition> relationship =
        store.metadata().relationship(navigation.name());
    if (relationship.isPresent()) {
      return manyToMany(entity, id, relationship.get(), navigation, request);
    }
    AttributeDefinition lookup =
        entity.attributes().stream()
            .filter(a -> a.kind().isReference())
            .filter(
                a ->
                    navigation.name().equals(a.logicalName())
                        || navigation.name().startsWith(a.logicalName() + "_"))
            .findFirst()
            .orElseThrow(
                () ->
                    ODataException.badRequest(
                        "'"
                            + navigation.name()
                            + "' is not a navigation property of "
                            + entity.logicalName()
                            + "."));
    if (!request.method().equals("DELETE")) {
      throw ODataException.badRequest(
          "Set a lookup with PATCH and '"
              + navigation.name()
              + "@odata.bind'; $ref on a lookup only clears it (DELETE).");
    }
    store.update(
        entity, id, java.util.Collections.singletonMap(entity.indexOf(lookup.logicalName()), null));
    return ODataResponse.noContent(Map.of());
  }

  private ODataResponse manyToMany(
      EntityDefinition entity,
      UUID id,
      RelationshipDefinition relationship,
      ODataPath.Segment navigation,
      WebApiRequest request) {
    boolean first = relationship.entity1LogicalName().equals(entity.logicalName());
    if (!first && !relationship.entity2LogicalName().equals(entity.logicalName())) {
      throw ODataException.badRequest(
          relationship.schemaName() + " does not involve " + entity.logicalName() + ".");
    }
    String otherEntity =
        first ? relationship.entity2LogicalName() : relationship.entity1LogicalName();
    UUID otherId =
        switch (request.method()) {
          case "POST" ->
              referencedId(
                  json.parseObject(request.body()).path("@odata.id").asText(null), otherEntity);
          case "DELETE" ->
              navigation.hasKey()
                  ? EntitySetResource.recordId(
                      store.metadata().entity(otherEntity).orElseThrow(), navigation)
                  : referencedId(request.query().get("$id"), otherEntity);
          default ->
              throw ODataException.badRequest("Associate with POST, disassociate with DELETE.");
        };
    UUID entity1Id = first ? id : otherId;
    UUID entity2Id = first ? otherId : id;
    EntityDefinition intersect =
        store.metadata().entity(relationship.intersectEntityName()).orElseThrow();
    Optional<StoredRecord> pair = findPair(intersect, relationship, entity1Id, entity2Id);
    if (request.method().equals("DELETE")) {
      pair.ifPresent(p -> store.delete(intersect, p.id()));
      return ODataResponse.noContent(Map.of());
    }
    if (store.table(otherEntity).get(otherId).isEmpty()) {
      throw ODataException.notFound(otherEntity + " With Id = " + otherId + " Does Not Exist");
    }
    if (pair.isPresent()) {
      throw ODataException.badRequest(
          DUPLICATE_KEY, "Cannot insert duplicate key: the records are already associated.");
    }
    Object[] values = new Object[intersect.attributes().size()];
    values[intersect.indexOf(relationship.entity1IntersectAttribute())] = entity1Id;
    values[intersect.indexOf(relationship.entity2IntersectAttribute())] = entity2Id;
    store.create(intersect, values);
    return ODataResponse.noContent(Map.of());
  }

  /** Intersect rows are found by scanning: associations are rare next to reads. */
  private Optional<StoredRecord> findPair(
      EntityDefinition intersect,
      RelationshipDefinition relationship,
      UUID entity1Id,
      UUID entity2Id) {
    EntityTable table = store.table(intersect.logicalName());
    int first = intersect.indexOf(relationship.entity1IntersectAttribute());
    int second = intersect.indexOf(relationship.entity2IntersectAttribute());
    long position = 0;
    while (position >= 0) {
      EntityTable.Page page = table.scan(position, 5000);
      for (StoredRecord record : page.records()) {
        if (entity1Id.equals(record.values()[first]) && entity2Id.equals(record.values()[second])) {
          return Optional.of(record);
        }
      }
      position = page.next();
    }
    return Optional.empty();
  }

  private UUID referencedId(String reference, String expectedEntity) {
    if (reference == null) {
      throw ODataException.badRequest(
          "Name the record to (dis)associate as {\"@odata.id\": \"<root>/<entityset>(<id>)\"}.");
    }
    Matcher m = REFERENCE.matcher(reference);
    EntityDefinition expected = store.metadata().entity(expectedEntity).orElseThrow();
    if (!m.matches() || !m.group(1).equals(expected.entitySetName())) {
      throw ODataException.badRequest(
          "'"
              + reference
              + "' is not a reference to a "
              + expectedEntity
              + "; expected "
              + expected.entitySetName()
              + "(<id>).");
    }
    return UUID.fromString(m.group(2));
  }

  private ODataResponse written(
      EntityDefinition entity,
      StoredRecord record,
      WebApiRequest request,
      int representationStatus) {
    String entityId = serviceRoot + entity.entitySetName() + "(" + record.id() + ")";
    if (!request.prefer().returnRepresentation()) {
      return ODataResponse.noContent(Map.of("OData-EntityId", entityId));
    }
    SelectedAttributes selected = SelectedAttributes.resolve(entity, request.query().select());
    String context =
        serviceRoot + "$metadata#" + RecordJsonWriter.contextColumns(entity, selected) + "/$entity";
    return ODataResponse.json(
            representationStatus,
            writer.single(context, entity, selected, request.prefer(), record))
        .withHeader("OData-EntityId", entityId);
  }
}
