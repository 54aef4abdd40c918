package io.dataexport.emulator.http;

import io.dataexport.emulator.http.metadata.MetadataResource;
import io.dataexport.emulator.http.records.EntitySetResource;
import io.dataexport.emulator.store.OrganisationStore;
import java.util.UUID;

/** Routes Web API requests to the resource that answers them. */
public final class WebApi {
  private final MetadataResource metadata;
  private final EntitySetResource entitySets;
  private final JsonBodies json;
  private final OrganisationStore store;

  public WebApi(OrganisationStore store, String serviceRoot) {
    this.store = store;
    this.metadata = new MetadataResource(store.metadata(), serviceRoot);
    this.entitySets = new EntitySetResource(store, serviceRoot);
    this.json = new JsonBodies();
  }

  /**
   * Answers one request.
   *
   * @throws ODataException for anything the caller can correct (4xx)
   */
  public ODataResponse handle(WebApiRequest request) {
    String first = request.path().first().name();
    if (MetadataResource.handles(first)) {
      requireMethod(request, "GET");
      return metadata.get(request.path(), request.query());
    }
    if (first.equals("WhoAmI")) {
      requireMethod(request, "GET");
      return whoAmI();
    }
    return entitySets.handle(request);
  }

  private ODataResponse whoAmI() {
    var data = store.sampleData();
    UUID user = data.seedCount("systemuser") > 0 ? data.seedId("systemuser", 0) : new UUID(0, 0);
    UUID unit =
        data.seedCount("businessunit") > 0 ? data.seedId("businessunit", 0) : new UUID(0, 0);
    var body = json.object();
    body.put("@odata.context", "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
    body.put("BusinessUnitId", unit.toString());
    body.put("UserId", user.toString());
    body.put("OrganizationId", new UUID(data.seed(), 0x1234L).toString());
    return ODataResponse.json(200, json.bytes(body));
  }

  private static void requireMethod(WebApiRequest request, String method) {
    if (!request.method().equals(method)) {
      throw new ODataException(
          405,
          ODataException.BAD_QUERY,
          "The HTTP method " + request.method() + " is not allowed on " + request.path() + ".");
    }
  }
}
