package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.server.auth.Role;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;

/**
 * The console's sessions over real HTTP: logging in with an API key, the cookie's flags, the CSRF
 * token, revoked keys, tampered cookies, and the OpenID Connect sign-in (authorization code with
 * PKCE) against a real provider (mock-oauth2-server).
 */
class ConsoleSessionTest extends SecuredApiTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = "127.0.0.20";

  @Test
  void loggingInWithAKeySetsAStrictHttpOnlyCookieThatAuthenticatesLaterRequests() throws Exception {
    String key = api.node.keys().issue(SecuredApi.unique("ops"), Role.OPERATOR).token();

    HttpResponse<String> login = login(CLIENT, key);

    assertThat(login.statusCode()).isEqualTo(200);
    JsonNode session = JSON.readTree(login.body());
    assertThat(session.path("name").asText()).startsWith("ops-");
    assertThat(session.path("role").asText()).isEqualTo("operator");
    assertThat(session.path("csrfToken").asText()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(Instant.parse(session.path("expiresAt").asText()))
        .isBetween(Instant.now().plusSeconds(8 * 3600 - 60), Instant.now().plusSeconds(8 * 3600));
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    List<String> attributes = Arrays.stream(setCookie.split(";")).map(String::strip).toList();
    assertThat(attributes.getFirst()).startsWith("dataexport_session=").hasSizeGreaterThan(60);
    assertThat(attributes)
        .contains("Path=/", "HttpOnly", "SameSite=Strict")
        .doesNotContain("Secure");
    assertThat(login.body()).doesNotContain(key);

    Map<String, String> cookie = cookie(login);
    HttpResponse<String> current = api.send(CLIENT, "GET", "/api/v1/session", null, null, cookie);
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(current.body())).isEqualTo(session);
    assertThat(api.send(CLIENT, "GET", "/api/v1/profiles", null, null, cookie).statusCode())
        .isEqualTo(200);
    assertThat(api.send(CLIENT, "GET", "/api/v1/keys", null, null, cookie).statusCode())
        .as("the session has its key's role, no more")
        .isEqualTo(403);
    assertThat(api.send(CLIENT, "GET", "/api/v1/session", null, null).statusCode()).isEqualTo(401);

    HttpResponse<String> bearer = api.send(CLIENT, "GET", "/api/v1/session", null, key);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(bearer.body()).path("role").asText()).isEqualTo("operator");
    assertThat(JSON.readTree(bearer.body()).path("csrfToken").isNull()).isTrue();
  }

  @Test
  void aWrongKeyIsRefusedAlikeWhetherItsIdExistsOrNot() throws Exception {
    String real = api.node.keys().issue(SecuredApi.unique("real"), Role.VIEWER).token();
    String wrongSecret = real.substring(0, real.length() - 4) + "AAAA";
    String unknownId = "dxk_0123456789abcdef_" + "A".repeat(43);

    HttpResponse<String> first = login("127.0.0.21", wrongSecret);
    HttpResponse<String> second = login("127.0.0.21", unknownId);
    HttpResponse<String> empty =
        api.send("127.0.0.21", "POST", "/api/v1/session", "{}", null, Map.of());

    for (HttpResponse<String> refused : List.of(first, second, empty)) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
      assertThat(JSON.readTree(refused.body()).path("error").path("code").asText())
          .isEqualTo("unauthenticated");
    }
    assertThat(first.body()).isEqualTo(second.body()).doesNotContain(real.substring(4, 20));
  }

  @Test
  void loginsAreThrottledLikeOtherFailedAuthentication() throws Exception {
    String guesser = "127.0.0.22";
    for (int attempt = 1; attempt <= 10; attempt++) {
      assertThat(
              login(
                      guesser,
                      "dxk_00000000000000" + "%02d".formatted(attempt) + "_" + "C".repeat(43))
                  .statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> slowed = login(guesser, admin);

    assertThat(slowed.statusCode()).isEqualTo(429);
    assertThat(slowed.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aCookieSessionMustSendItsCsrfTokenToChangeStateButABearerCallerNeedNot() throws Exception {
    HttpResponse<String> login = login(CLIENT, admin);
    String csrf = JSON.readTree(login.body()).path("csrfToken").asText();
    String document = api.profileDocument(SecuredApi.unique("csrf")).toString();
    String path = "/api/v1/profiles/validate";

    HttpResponse<String> without = api.send(CLIENT, "POST", path, document, null, cookie(login));
    HttpResponse<String> wrong =
        api.send(
            CLIENT, "POST", path, document, null, with(cookie(login), "X-CSRF-Token", "x" + csrf));
    HttpResponse<String> right =
        api.send(CLIENT, "POST", path, document, null, with(cookie(login), "X-CSRF-Token", csrf));
    HttpResponse<String> bearer = api.send(CLIENT, "POST", path, document, admin);

    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(without.body()).path("error").path("message").asText())
        .startsWith("Missing or wrong CSRF token");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(bearer.statusCode()).isEqualTo(200);
  }

  @Test
  void revokingTheKeyEndsItsSessionsAndLoggingOutClearsTheCookie() throws Exception {
    ApiKeyAndLogin made = loginWithNewKey(Role.VIEWER);
    assertThat(get("/api/v1/profiles", made.cookie())).isEqualTo(200);

    HttpResponse<String> revoked =
        api.send(CLIENT, "DELETE", "/api/v1/keys/" + made.keyId(), null, admin);
    assertThat(revoked.statusCode()).isEqualTo(204);

    HttpResponse<String> after =
        api.send(CLIENT, "GET", "/api/v1/session", null, null, made.cookie());
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(after.body()).path("error").path("message").asText())
        .contains("revoked");

    HttpResponse<String> logout =
        api.send(CLIENT, "DELETE", "/api/v1/session", null, null, made.cookie());
    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith("dataexport_session=;")
        .contains("Max-Age=0");
  }

  @Test
  void aTamperedOrForeignCookieIsRefused() throws Exception {
    Map<String, String> cookie = cookie(login(CLIENT, admin));
    String value = cookie.get("Cookie").substring("dataexport_session=".length());
    char last = value.charAt(value.length() - 5);
    String tampered =
        value.substring(0, value.length() - 5)
            + (last == 'A' ? 'B' : 'A')
            + value.substring(value.length() - 4);

    for (String bad : List.of(tampered, "garbage", value.substring(0, 30), "")) {
      HttpResponse<String> refused =
          api.send(
              CLIENT,
              "GET",
              "/api/v1/profiles",
              null,
              null,
              Map.of("Cookie", "dataexport_session=" + bad));
      assertThat(refused.statusCode()).as(bad).isEqualTo(401);
    }
  }

  @Test
  void theProvidersNameBothWaysOfLoggingIn() throws Exception {
    HttpResponse<String> providers =
        api.send(CLIENT, "GET", "/api/v1/session/providers", null, null);

    assertThat(providers.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(providers.body()))
        .isEqualTo(JSON.readTree("{\"apiKey\": true, \"oidc\": true}"));
  }

  @Test
  void signingInWithTheProviderGoesThroughTheCodeFlowWithPkceAndEndsInASession() throws Exception {
    api.provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            SecuredApi.ISSUER_ID,
            "olga@example.com",
            "JWT",
            List.of(SecuredApi.AUDIENCE),
            Map.of("roles", List.of("DataExport.Operator")),
            3600));

    HttpResponse<String> begin = api.send(CLIENT, "GET", "/api/v1/session/oidc", null, null);
    assertThat(begin.statusCode()).isEqualTo(302);
    URI authorize = URI.create(begin.headers().firstValue("Location").orElseThrow());
    Map<String, String> query = query(authorize);
    assertThat(authorize.toString()).startsWith(api.issuer());
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", SecuredApi.CONSOLE_CLIENT)
        .containsEntry("scope", "openid")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry(
            "redirect_uri", "http://127.0.0.1:" + api.node.port() + "/api/v1/session/oidc/callback")
        .containsKeys("state", "nonce", "code_challenge");
    String loginCookie = begin.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(loginCookie)
        .startsWith("dataexport_oidc_login=")
        .contains("HttpOnly", "SameSite=Lax", "Path=/api/v1/session/oidc/callback");

    // the provider signs in without a form and sends the browser back with a code
    HttpResponse<String> provider;
    try (HttpClient browser = HttpClient.newHttpClient()) {
      provider =
          browser.send(
              HttpRequest.newBuilder(authorize).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    }
    assertThat(provider.statusCode()).isEqualTo(302);
    URI callback = URI.create(provider.headers().firstValue("Location").orElseThrow());
    String callbackPath = callback.getRawPath() + "?" + callback.getRawQuery();
    Map<String, String> loginCookieHeader =
        Map.of("Cookie", loginCookie.substring(0, loginCookie.indexOf(';')));

    HttpResponse<String> otherBrowser = api.send(CLIENT, "GET", callbackPath, null, null);
    assertThat(otherBrowser.statusCode()).as("a callback without the login cookie").isEqualTo(400);

    HttpResponse<String> done =
        api.send(CLIENT, "GET", callbackPath, null, null, loginCookieHeader);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
    assertThat(done.headers().firstValue("Location")).contains("/");
    String sessionCookie =
        done.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("dataexport_session="))
            .findFirst()
            .orElseThrow();
    assertThat(sessionCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
    Map<String, String> cookie =
        Map.of("Cookie", sessionCookie.substring(0, sessionCookie.indexOf(';')));
    HttpResponse<String> session = api.send(CLIENT, "GET", "/api/v1/session", null, null, cookie);
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(session.body()).path("name").asText()).isEqualTo("olga@example.com");
    assertThat(JSON.readTree(session.body()).path("role").asText()).isEqualTo("operator");

    HttpResponse<String> replayed =
        api.send(CLIENT, "GET", callbackPath, null, null, loginCookieHeader);
    assertThat(replayed.statusCode()).as("a code is good for one sign-in").isNotEqualTo(302);
    String audit = api.send(CLIENT, "GET", "/api/v1/audit?limit=1000", null, admin).body();
    assertThat(audit).contains("olga@example.com").contains("session.create");
  }

  @Test
  void aSignInWhoseTokenMapsToNoRoleIsRefused() throws Exception {
    api.provider.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            SecuredApi.ISSUER_ID,
            "nobody",
            "JWT",
            List.of(SecuredApi.AUDIENCE),
            Map.of("roles", List.of("Other")),
            3600));
    HttpResponse<String> begin = api.send(CLIENT, "GET", "/api/v1/session/oidc", null, null);
    URI authorize = URI.create(begin.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> provider;
    try (HttpClient browser = HttpClient.newHttpClient()) {
      provider =
          browser.send(
              HttpRequest.newBuilder(authorize).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    }
    URI callback = URI.create(provider.headers().firstValue("Location").orElseThrow());
    String loginCookie = begin.headers().firstValue("Set-Cookie").orElseThrow();

    HttpResponse<String> refused =
        api.send(
            CLIENT,
            "GET",
            callback.getRawPath() + "?" + callback.getRawQuery(),
            null,
            null,
            Map.of("Cookie", loginCookie.substring(0, loginCookie.indexOf(';'))));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(refused.body()).path("error").path("message").asText())
        .contains("nobody")
        .contains("no role");
    assertThat(refused.headers().allValues("Set-Cookie"))
        .noneMatch(c -> c.startsWith("dataexport_session="));
  }

  private record ApiKeyAndLogin(String keyId, Map<String, String> cookie) {}

  private ApiKeyAndLogin loginWithNewKey(Role role) throws Exception {
    var issued = api.node.keys().issue(SecuredApi.unique("person"), role);
    return new ApiKeyAndLogin(issued.key().id(), cookie(login(CLIENT, issued.token())));
  }

  private int get(String path, Map<String, String> cookie) throws Exception {
    return api.send(CLIENT, "GET", path, null, null, cookie).statusCode();
  }

  private HttpResponse<String> login(String from, String key) throws Exception {
    return api.send(
        from,
        "POST",
        "/api/v1/session",
        JSON.createObjectNode().put("apiKey", key).toString(),
        null,
        Map.of());
  }

  /** The Cookie header a browser sends back after this answer. */
  static Map<String, String> cookie(HttpResponse<String> login) {
    String set = login.headers().firstValue("Set-Cookie").orElseThrow();
    return Map.of("Cookie", set.substring(0, set.indexOf(';')));
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return more;
  }

  private static Map<String, String> query(URI uri) {
    return Arrays.stream(uri.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(
            Collectors.toMap(
                pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }
}
