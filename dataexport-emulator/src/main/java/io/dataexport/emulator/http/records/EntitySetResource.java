package io.dataexport.emulator.http.records;

import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.http.ODataPath;
import io.dataexport.emulator.http.ODataResponse;
import io.dataexport.emulator.http.WebApiRequest;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.OrganisationStore;
import java.util.UUID;

/**
 * Entity sets and records: reads with paging and change tracking ({@link RecordReads}), creates,
 * updates, deletes and N:N associations ({@link RecordWrites}).
 */
public final class EntitySetResource {
  private final OrganisationStore store;
  private final RecordReads reads;
  private final RecordWrites writes;

  public EntitySetResource(OrganisationStore store, String serviceRoot) {
    this.store = store;
    RecordJsonWriter writer = new RecordJsonWriter(new FormattedValues(store));
    this.reads = new RecordReads(store, serviceRoot, writer);
    this.writes = new RecordWrites(store, serviceRoot, writer, new RecordPayloadReader(store));
  }

  /**
   * Answers a request whose path starts with an entity set.
   *
   * @throws ODataException 404 for unknown sets or records, 400 for bad input, 405 for methods the
   *     resource does not take
   */
  public ODataResponse handle(WebApiRequest request) {
    ODataPath path = request.path();
    ODataPath.Segment first = path.first();
    EntityDefinition entity =
        store
            .metadata()
            .entityBySetName(first.name())
            .orElseThrow(
                () ->
                    ODataException.notFound(
                        "Resource not found for the segment '" + first.name() + "'."));
    String method = request.method();
    if (path.size() == 1 && !first.hasKey()) {
      return switch (method) {
        case "GET" -> reads.collection(entity, request);
        case "POST" -> writes.create(entity, request);
        default -> throw notAllowed(request);
      };
    }
    if (path.size() == 1) {
      UUID id = recordId(entity, first);
      return switch (method) {
        case "GET" -> reads.single(entity, id, request);
        case "PATCH" -> writes.upsert(entity, id, request);
        case "DELETE" -> writes.delete(entity, id);
        default -> throw notAllowed(request);
      };
    }
    if (path.size() == 2 && !first.hasKey() && path.get(1).name().equals("$count")) {
      if (!method.equals("GET")) {
        throw notAllowed(request);
      }
      return reads.count(entity, request);
    }
    if (first.hasKey() && path.size() >= 2 && path.get(path.size() - 1).name().equals("$ref")) {
      return writes.reference(entity, recordId(entity, first), request);
    }
    throw ODataException.badRequest(
        "The emulator does not serve '"
            + path
            + "'. It serves entity sets, records by id, $count,"
            + " and navigation $ref.");
  }

  /** The id in {@code accounts(<guid>)} or {@code accounts(accountid=<guid>)}. */
  static UUID recordId(EntityDefinition entity, ODataPath.Segment segment) {
    String value = segment.keyValue(null);
    if (value == null) {
      value = segment.keyValue(entity.primaryIdAttribute());
    }
    if (value == null) {
      throw ODataException.badRequest(
          "Alternate keys are not supported by the emulator; address "
              + entity.entitySetName()
              + " records by id, e.g. "
              + entity.entitySetName()
              + "(00000000-0000-0000-0000-000000000001).");
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ODataException.badRequest(
          "'"
              + value
              + "' is not a valid record id for "
              + entity.entitySetName()
              + "; a GUID is expected.");
    }
  }

  private static ODataException notAllowed(WebApiRequest request) {
    return new ODataException(
        405,
        ODataException.BAD_QUERY,
        "The HTTP method " + request.method() + " is not allowed on " + request.path() + ".");
  }
}
