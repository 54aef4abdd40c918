package io.dataexport.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.schema.SourceCatalog;
import io.dataexport.core.service.ProfileService;
import io.dataexport.core.status.ProfileHistory;
import io.dataexport.server.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * What the console needs beyond the profile routes: the catalog of a source for the create wizard
 * ({@code POST /api/v1/sources/catalog}) and a profile's recent activity for its live chart ({@code
 * GET /api/v1/profiles/{id}/history}).
 */
final class ConsoleRoutes {
  private final ProfileService profiles;
  private final ProfileHistory history;

  ConsoleRoutes(ProfileService profiles, ProfileHistory history) {
    this.profiles = profiles;
    this.history = history;
  }

  void register(Javalin app) {
    app.addHttpHandler(
        HandlerType.POST, "/api/v1/sources/catalog", this::catalog, RouteRule.read(Role.ADMIN));
    app.addHttpHandler(
        HandlerType.GET,
        "/api/v1/profiles/{id}/history",
        this::history,
        RouteRule.read(Role.VIEWER));
  }

  /**
   * {@code POST /sources/catalog} with a profile's {@code source} object: its entities and N:N
   * relationships; 422 when the source refuses (credentials, not a source), 502 when it cannot be
   * reached. Messages never carry the secret.
   */
  private void catalog(Context ctx) {
    SourceCatalog catalog;
    try {
      catalog = profiles.catalog(RestApi.body(ctx));
    } catch (ConfigurationException e) {
      throw new Refusal(
          422, "sourceRefused", "The source refused to list its entities: " + e.getMessage());
    } catch (RetriableException e) {
      throw new Refusal(
          502,
          "sourceUnreachable",
          "The source cannot be reached: " + e.getMessage() + " Check source.url.");
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    ArrayNode entities = json.putArray("entities");
    for (SourceCatalog.Entity entity : catalog.entities()) {
      entities
          .addObject()
          .put("name", entity.name())
          .put("displayName", entity.displayName())
          .put("changeTracking", entity.changeTracking());
    }
    ArrayNode relationships = json.putArray("relationships");
    for (SourceCatalog.Relationship relationship : catalog.relationships()) {
      relationships
          .addObject()
          .put("schemaName", relationship.schemaName())
          .put("entity1", relationship.entity1())
          .put("entity2", relationship.entity2())
          .put("intersectEntity", relationship.intersectEntity());
    }
    RestApi.json(ctx, 200, json);
  }

  /** {@code GET /profiles/{id}/history}: the last 15 minutes, a sample every 5 s, oldest first. */
  private void history(Context ctx) {
    String id = ctx.pathParam("id");
    profiles.get(id); // 404 for an unknown profile
    List<ProfileHistory.Sample> samples = history.samples(id);
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("intervalSeconds", history.interval().toSeconds());
    ArrayNode list = json.putArray("samples");
    for (ProfileHistory.Sample sample : samples) {
      list.addObject()
          .put("at", sample.at().toString())
          .put("succeeded", sample.succeeded())
          .put("failed", sample.failed())
          .put("throughputPerSecond", sample.throughputPerSecond())
          .put("lagSeconds", sample.lagSeconds());
    }
    RestApi.json(ctx, 200, json);
  }
}
