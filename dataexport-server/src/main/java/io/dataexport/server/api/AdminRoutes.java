package io.dataexport.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.store.ApiKey;
import io.dataexport.api.store.ApiKeys;
import io.dataexport.api.store.AuditEntry;
import io.dataexport.api.store.AuditLog;
import io.dataexport.server.auth.ApiKeyTokens;
import io.dataexport.server.auth.Role;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * The administrator's routes: API keys ({@code /keys}: create, list, revoke) and the audit log
 * ({@code GET /audit}, paged by {@code afterId} and {@code limit}). A key's token is in the answer
 * of its creation only.
 */
final class AdminRoutes {
  static final int DEFAULT_AUDIT_PAGE = 100;
  static final int MAX_AUDIT_PAGE = 1000;

  private final ApiKeyTokens keys;
  private final ApiKeys stored;
  private final AuditLog audit;

  AdminRoutes(ApiKeyTokens keys, ApiKeys stored, AuditLog audit) {
    this.keys = keys;
    this.stored = stored;
    this.audit = audit;
  }

  /** {@code POST /keys {"name": …, "role": …}}: 201 with the key's token, shown this once. */
  ObjectNode create(Context ctx, JsonNode body) {
    String name = body.path("name").asText(null);
    String roleName = body.path("role").asText(null);
    Role role =
        Role.named(roleName)
            .orElseThrow(
                () ->
                    new RestApi.BadRequest(
                        "role = '" + roleName + "': give one of " + Role.names() + "."));
    ApiKeyTokens.Issued issued;
    try {
      issued = keys.issue(name, role);
    } catch (IllegalArgumentException e) {
      throw new RestApi.BadRequest(e.getMessage());
    }
    ctx.attribute(AccessControl.TARGET, issued.key().id());
    ObjectNode json = toJson(issued.key());
    json.put("key", issued.token());
    json.put(
        "message",
        "Keep the key now: it is shown this once. Send it as 'Authorization: Bearer <key>'.");
    return json;
  }

  /** {@code GET /keys}: every key, without secrets. */
  ArrayNode list() {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    stored.list().forEach(key -> list.add(toJson(key)));
    return list;
  }

  /** {@code DELETE /keys/{id}}: true when the key existed. */
  boolean revoke(String id) {
    return stored.revoke(id);
  }

  /** {@code GET /audit?afterId=&limit=}: a page of entries, oldest first, and where to go on. */
  ObjectNode audit(Context ctx) {
    long afterId = QueryParams.number(ctx, "afterId", 0, Long.MAX_VALUE, 0);
    int limit = (int) QueryParams.number(ctx, "limit", 1, MAX_AUDIT_PAGE, DEFAULT_AUDIT_PAGE);
    List<AuditEntry> entries = audit.entries(afterId, limit);
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    ArrayNode list = page.putArray("entries");
    for (AuditEntry entry : entries) {
      ObjectNode json = list.addObject();
      json.put("id", entry.id());
      json.put("at", entry.at().toString());
      json.put("principal", entry.actor());
      json.put("action", entry.action());
      json.put("target", entry.target());
      json.put("outcome", entry.outcome());
      json.put("detail", entry.detail());
    }
    page.put("nextAfterId", entries.isEmpty() ? afterId : entries.getLast().id());
    return page;
  }

  private static ObjectNode toJson(ApiKey key) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", key.id());
    json.put("name", key.name());
    json.put("role", key.role());
    json.put("createdAt", key.createdAt().toString());
    Instant used = key.lastUsedAt();
    json.put("lastUsedAt", used == null ? null : used.toString());
    return json;
  }
}
