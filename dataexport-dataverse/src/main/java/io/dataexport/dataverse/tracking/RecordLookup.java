package io.dataexport.dataverse.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.http.DataverseJson;
import io.dataexport.dataverse.http.WebApiClient;
import io.dataexport.dataverse.http.WebApiNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads one record by id ({@code GET <entity set>(<id>)?$select=…}), selecting what change tracking
 * selects, for the resync of failed records. Stateless and thread-safe.
 */
public final class RecordLookup {
  // Dataverse answers a missing segment (an entity set that does not exist) with this text and
  // 404; a missing record is a 404 as well, but means the record was deleted.
  private static final String MISSING_SEGMENT = "Resource not found for the segment";
  private static final String PREFER =
      "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"";

  private final WebApiClient client;
  private final URI webApiRoot;

  /**
   * @param client the Web API client
   * @param webApiRoot the Web API root, ending in {@code /}
   */
  public RecordLookup(WebApiClient client, URI webApiRoot) {
    this.client = client;
    this.webApiRoot = webApiRoot;
  }

  /**
   * The record's current state as an upsert, or empty when the source no longer has it.
   *
   * @throws ConfigurationException when the entity set does not exist or access was refused
   * @throws RetriableException when the source cannot be reached or throttles beyond the wait
   */
  public Optional<SourceChange> read(EntitySchema entity, UUID id) {
    RecordConverter converter = new RecordConverter(entity);
    URI uri =
        webApiRoot.resolve(
            URLEncoder.encode(entity.entitySetName(), StandardCharsets.UTF_8).replace("+", "%20")
                + "("
                + id
                + ")?$select="
                + converter.select());
    byte[] body;
    try {
      body = client.get(uri, PREFER);
    } catch (WebApiNotFoundException e) {
      if (e.error() != null && e.error().message().contains(MISSING_SEGMENT)) {
        throw e;
      }
      return Optional.empty();
    }
    JsonNode row;
    try {
      row = DataverseJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new RetriableException(
          "GET " + uri.getPath() + " answered malformed JSON; reading it again.", e);
    }
    return Optional.of(converter.upsert(row));
  }
}
