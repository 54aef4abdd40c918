package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.server.auth.Role;
import io.dataexport.server.console.ConsoleAssets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the API × every kind of caller: no credentials, a wrong key, expired, forged and
 * other-audience tokens of a real OpenID Connect provider, and viewer, operator and admin by token
 * and by API key. Each gets exactly 401, 403 or the route's answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = "127.0.0.1";

  private SecuredApi api;
  private String profileId;
  private String spareId;
  private String spareDocument;

  /** A kind of caller: its credentials, and its role when they are valid. */
  private record Caller(String label, String bearer, Role role) {}

  /**
   * One route as the matrix calls it.
   *
   * @param template the route as registered, e.g. {@code POST /api/v1/profiles/{id}/activate}
   * @param role the least role that may call it; null when public
   * @param allowedStatus what a caller who may gets
   */
  private record Call(
      String template,
      Role role,
      int allowedStatus,
      String method,
      Callable<String> path,
      Callable<String> body) {}

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    api = new SecuredApi(data);
    profileId = api.node.profiles().create(api.profileDocument("main")).id();
    spareDocument = api.profileDocument("spare").toString();
    spareId = api.node.profiles().create(JSON.readTree(spareDocument)).id();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void everyRegisteredRouteDeclaresExactlyOneRuleAndTheMatrixCoversThemAll() {
    Map<String, RouteRule> rules = api.node.api().routeRules();

    assertThat(rules).isNotEmpty().doesNotContainValue(null);
    List<String> called = calls().stream().map(Call::template).toList();
    assertThat(new TreeSet<>(called))
        .containsAll(rules.keySet().stream().filter(r -> !r.contains("<path>")).toList());
    for (Call call : calls()) {
      RouteRule rule = rules.get(call.template());
      if (rule != null) {
        assertThat(rule.role()).as(call.template()).isEqualTo(call.role());
      }
    }
  }

  @Test
  void eachCallerGetsExactly401Or403OrTheAnswerOfEachRoute() throws Exception {
    List<Caller> callers = callers();
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (Call call : calls()) {
      for (Caller caller : callers) {
        int expected =
            call.role() == null
                ? call.allowedStatus()
                : caller.role() == null
                    ? 401
                    : caller.role().includes(call.role()) ? call.allowedStatus() : 403;
        String body = call.body() == null ? null : call.body().call();
        HttpResponse<String> response =
            api.send(CLIENT, call.method(), call.path().call(), body, caller.bearer());
        checked++;
        if (response.statusCode() != expected) {
          mismatches.add(
              call.template()
                  + " as "
                  + caller.label()
                  + ": "
                  + response.statusCode()
                  + " instead of "
                  + expected
                  + " "
                  + response.body());
        }
        if (response.statusCode() == 401) {
          assertThat(response.headers().firstValue("WWW-Authenticate"))
              .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
          assertThat(error(response)).isEqualTo("unauthenticated");
        }
        if (response.statusCode() == 403) {
          assertThat(error(response)).isEqualTo("forbidden");
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(checked).isEqualTo(calls().size() * callers.size());
  }

  private static String error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("error").path("code").asText();
  }

  private List<Caller> callers() throws Exception {
    List<Caller> callers = new ArrayList<>();
    callers.add(new Caller("no credentials", null, null));
    callers.add(new Caller("an unknown key", "dxk_0123456789abcdef_" + "A".repeat(43), null));
    callers.add(new Caller("an expired token", api.expiredToken(), null));
    callers.add(new Caller("a forged token", api.forgedToken(), null));
    callers.add(new Caller("a token for another audience", api.otherAudienceToken(), null));
    callers.add(new Caller("a viewer token", api.token("vera", "DataExport.Reader"), Role.VIEWER));
    callers.add(
        new Caller("an operator token", api.token("otto", "DataExport.Operator"), Role.OPERATOR));
    callers.add(new Caller("an admin token", api.token("ada", "DataExport.Admin"), Role.ADMIN));
    for (Role role : Role.values()) {
      callers.add(
          new Caller(
              "a " + role.wireName() + " key",
              api.node.keys().issue(SecuredApi.unique(role.wireName()), role).token(),
              role));
    }
    return callers;
  }

  private List<Call> calls() {
    String base = "/api/v1";
    String profile = base + "/profiles/" + profileId;
    Map<String, Call> calls = new LinkedHashMap<>();
    add(calls, "GET", "/api/v1/health", null, 200, () -> base + "/health", null);
    add(
        calls,
        "POST",
        "/api/v1/profiles/validate",
        Role.ADMIN,
        200,
        () -> base + "/profiles/validate",
        () -> api.profileDocument(SecuredApi.unique("checked")).toString());
    add(
        calls,
        "POST",
        "/api/v1/profiles",
        Role.ADMIN,
        201,
        () -> base + "/profiles",
        () -> api.profileDocument(SecuredApi.unique("made")).toString());
    add(calls, "GET", "/api/v1/profiles", Role.VIEWER, 200, () -> base + "/profiles", null);
    add(calls, "GET", "/api/v1/profiles/{id}", Role.VIEWER, 200, () -> profile, null);
    add(
        calls,
        "PUT",
        "/api/v1/profiles/{id}",
        Role.ADMIN,
        200,
        () -> base + "/profiles/" + spareId,
        () -> spareDocument);
    add(
        calls,
        "DELETE",
        "/api/v1/profiles/{id}",
        Role.ADMIN,
        204,
        () ->
            base
                + "/profiles/"
                + api.node.profiles().create(api.profileDocument(SecuredApi.unique("gone"))).id(),
        null);
    // an admin gets past the rule to the check of the confirmation, which is wrong on purpose
    add(calls, "DELETE", "/api/v1", Role.ADMIN, 400, () -> base + "?confirm=not-this-one", null);
    add(
        calls,
        "POST",
        "/api/v1/profiles/{id}/activate",
        Role.OPERATOR,
        200,
        () -> profile + "/activate",
        null);
    add(
        calls,
        "POST",
        "/api/v1/profiles/{id}/entities/{entity}/resync",
        Role.OPERATOR,
        202,
        () -> profile + "/entities/account/resync",
        null);
    add(
        calls,
        "POST",
        "/api/v1/profiles/{id}/failures/resync",
        Role.OPERATOR,
        202,
        () -> profile + "/failures/resync",
        null);
    add(
        calls,
        "POST",
        "/api/v1/profiles/{id}/deactivate",
        Role.OPERATOR,
        200,
        () -> profile + "/deactivate",
        null);
    add(
        calls,
        "GET",
        "/api/v1/profiles/{id}/status",
        Role.VIEWER,
        200,
        () -> profile + "/status",
        null);
    add(
        calls,
        "GET",
        "/api/v1/profiles/{id}/failures",
        Role.VIEWER,
        200,
        () -> profile + "/failures?format=json",
        null);
    add(calls, "GET", "/metrics", Role.VIEWER, 200, () -> "/metrics", null);
    add(
        calls,
        "POST",
        "/api/v1/keys",
        Role.ADMIN,
        201,
        () -> base + "/keys",
        () -> "{\"name\": \"" + SecuredApi.unique("made") + "\", \"role\": \"viewer\"}");
    add(calls, "GET", "/api/v1/keys", Role.ADMIN, 200, () -> base + "/keys", null);
    add(
        calls,
        "DELETE",
        "/api/v1/keys/{id}",
        Role.ADMIN,
        204,
        () ->
            base
                + "/keys/"
                + api.node.keys().issue(SecuredApi.unique("spent"), Role.VIEWER).key().id(),
        null);
    add(calls, "GET", "/api/v1/audit", Role.ADMIN, 200, () -> base + "/audit?limit=5", null);
    // the console's login: open routes, except reading the session
    add(calls, "POST", "/api/v1/session", null, 400, () -> base + "/session", null);
    add(calls, "GET", "/api/v1/session", Role.VIEWER, 200, () -> base + "/session", null);
    add(calls, "DELETE", "/api/v1/session", null, 204, () -> base + "/session", null);
    add(
        calls,
        "GET",
        "/api/v1/session/providers",
        null,
        200,
        () -> base + "/session/providers",
        null);
    add(calls, "GET", "/api/v1/session/oidc", null, 302, () -> base + "/session/oidc", null);
    // a callback without the sign-in's cookie is refused, whoever calls
    add(
        calls,
        "GET",
        "/api/v1/session/oidc/callback",
        null,
        400,
        () -> base + "/session/oidc/callback?code=c&state=s",
        null);
    add(
        calls,
        "POST",
        "/api/v1/sources/catalog",
        Role.ADMIN,
        200,
        () -> base + "/sources/catalog",
        () -> api.profileDocument("catalog").path("source").toString());
    add(
        calls,
        "GET",
        "/api/v1/profiles/{id}/history",
        Role.VIEWER,
        200,
        () -> profile + "/history",
        null);
    // a single node: the route answers 404 (not in a cluster) to a caller who may read it
    add(calls, "GET", "/api/v1/cluster", Role.VIEWER, 404, () -> base + "/cluster", null);
    // an unknown API path is no route: it is 404 for a caller who may read, 401 for anyone else
    add(calls, "GET", "/api/nothing/here", Role.VIEWER, 404, () -> base + "/nothing/here", null);
    add(calls, "POST", "/nothing/here", Role.VIEWER, 404, () -> "/nothing/here", null);
    // the web console's page and files are open: it signs in through the API
    add(calls, "GET", "/", null, 200, () -> "/", null);
    add(calls, "GET", "/somewhere/in/the/console", null, 200, () -> "/profiles/x", null);
    add(
        calls,
        "GET",
        "/console/{version}/{file}",
        null,
        200,
        () -> "/console/" + ConsoleAssets.load().version() + "/app.js",
        null);
    return List.copyOf(calls.values());
  }

  private static void add(
      Map<String, Call> calls,
      String method,
      String template,
      Role role,
      int allowedStatus,
      Callable<String> path,
      Callable<String> body) {
    calls.put(
        method + " " + template,
        new Call(method + " " + template, role, allowedStatus, method, path, body));
  }

  /** Used by other tests of this package: the JSON of an answer. */
  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
