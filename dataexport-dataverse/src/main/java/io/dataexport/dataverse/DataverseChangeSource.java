package io.dataexport.dataverse;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.api.schema.SourceCatalog;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeSource;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.auth.ClientCredentialsTokens;
import io.dataexport.dataverse.http.RetryPolicy;
import io.dataexport.dataverse.http.WebApiClient;
import io.dataexport.dataverse.metadata.MetadataReader;
import io.dataexport.dataverse.tracking.ChangeReader;
import io.dataexport.dataverse.tracking.RecordLookup;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Dataverse Web API as a {@link ChangeSource}: metadata from {@code EntityDefinitions}, changes
 * from change tracking, authenticated with OAuth2 client credentials. One instance serves one
 * profile; it is thread-safe, and the readers of all the profile's entities share its HTTP client
 * and access token.
 *
 * <p>Opening contacts nothing. A configuration that cannot work (no URL, no credentials) is
 * reported by {@link #validate} and makes every other call throw {@link ConfigurationException}.
 */
public final class DataverseChangeSource implements ChangeSource {
  private final SourceEndpoints.Resolution resolution;
  private final HttpClient http;
  private final SourceValidation validation;
  private final MetadataReader metadata;
  private final ChangeReader changes;
  private final RecordLookup records;
  private final WebApiClient client; // null when the configuration cannot work

  private DataverseChangeSource(SourceConfig config, DataverseSettings settings) {
    this.resolution = SourceEndpoints.resolve(config);
    // no redirects: a bearer token goes nowhere but the configured organisation
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    SourceEndpoints endpoints = resolution.endpoints();
    if (endpoints == null) {
      this.validation = null;
      this.metadata = null;
      this.changes = null;
      this.records = null;
      this.client = null;
      return;
    }
    ClientCredentialsTokens tokens =
        new ClientCredentialsTokens(
            http,
            endpoints.credentials(),
            settings.tokenRenewalMargin(),
            settings.requestTimeout(),
            Clock.systemUTC());
    this.client =
        new WebApiClient(
            http,
            tokens,
            new RetryPolicy(
                settings.maxRetryWait(), settings.initialBackoff(), settings.maxBackoff()),
            settings.requestTimeout());
    this.metadata = new MetadataReader(client, endpoints.webApiRoot());
    this.changes = new ChangeReader(client, endpoints.webApiRoot(), settings.pageSize());
    this.records = new RecordLookup(client, endpoints.webApiRoot());
    this.validation =
        new SourceValidation(http, endpoints, tokens, client, metadata, settings.connectTimeout());
  }

  /**
   * Opens a source without contacting it.
   *
   * @param config the profile's source
   * @param settings paging, retry and timeout settings
   */
  public static DataverseChangeSource open(SourceConfig config, DataverseSettings settings) {
    return new DataverseChangeSource(config, settings);
  }

  @Override
  public List<Problem> validate(List<String> entities, List<String> relationships) {
    if (validation == null) {
      return resolution.problems();
    }
    return validation.validate(
        entities == null ? List.of() : entities, relationships == null ? List.of() : relationships);
  }

  @Override
  public SourceCatalog catalog() {
    requireEndpoints();
    validation.requireAccess();
    return metadata.catalog();
  }

  @Override
  public EntitySchema describe(String entity) {
    requireEndpoints();
    return metadata.describe(entity);
  }

  @Override
  public RelationshipSchema relationship(String schemaName) {
    requireEndpoints();
    return metadata.relationship(schemaName);
  }

  @Override
  public ChangePage read(EntitySchema entity, ChangeCursor cursor) {
    requireEndpoints();
    return changes.read(entity, cursor);
  }

  @Override
  public Optional<SourceChange> readRecord(EntitySchema entity, UUID recordId) {
    requireEndpoints();
    return records.read(entity, recordId);
  }

  @Override
  public Optional<String> retrying(String entity) {
    return changes == null ? Optional.empty() : changes.retrying(entity);
  }

  @Override
  public void stopWaiting() {
    if (client != null) {
      client.stopWaiting();
    }
  }

  @Override
  public void close() {
    http.close();
  }

  private void requireEndpoints() {
    if (resolution.endpoints() == null) {
      throw new ConfigurationException(
          "The source configuration is incomplete: "
              + resolution.problems().stream()
                  .map(Problem::toString)
                  .collect(Collectors.joining("; ")));
    }
  }
}
