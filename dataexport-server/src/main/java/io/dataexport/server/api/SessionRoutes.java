package io.dataexport.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.server.auth.Authenticator;
import io.dataexport.server.auth.ConsoleSession;
import io.dataexport.server.auth.ConsoleSessions;
import io.dataexport.server.auth.OidcLogin;
import io.dataexport.server.auth.Principal;
import io.dataexport.server.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Optional;

/**
 * The console's login routes under {@code /api/v1/session}: log in with an API key ({@code POST}),
 * read the session ({@code GET}), log out ({@code DELETE}), which ways to log in there are ({@code
 * GET /providers}) and the OpenID Connect sign-in ({@code GET /oidc}, {@code GET /oidc/callback}).
 * A session lives in the {@value #COOKIE} cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code
 * Secure} over TLS, or when {@code api.publicUrl} is {@code https}); see {@link ConsoleSessions}.
 */
final class SessionRoutes {
  /** The cookie that carries a console session. */
  static final String COOKIE = "dataexport_session";

  /** The cookie that carries an OpenID Connect sign-in between leaving and coming back. */
  static final String LOGIN_COOKIE = "dataexport_oidc_login";

  private static final String PATH = "/api/v1/session";
  private static final String CALLBACK = PATH + "/oidc/callback";

  private final Authenticator authenticator;
  private final Optional<OidcLogin> oidc;
  private final Optional<URI> publicUrl;
  // browsers reach the service over TLS whatever a request says: the public URL is https
  private final boolean publicOverTls;

  /**
   * @param publicUrl where browsers reach the service when a proxy in front of it ends TLS ({@code
   *     api.publicUrl}); empty: where each request came
   */
  SessionRoutes(Authenticator authenticator, Optional<OidcLogin> oidc, Optional<URI> publicUrl) {
    this.authenticator = authenticator;
    this.oidc = oidc;
    this.publicUrl = publicUrl;
    this.publicOverTls =
        publicUrl.map(url -> "https".equalsIgnoreCase(url.getScheme())).orElse(false);
  }

  void register(Javalin app) {
    app.addHttpHandler(HandlerType.POST, PATH, this::login, RouteRule.login("session.create"));
    app.addHttpHandler(HandlerType.GET, PATH, this::current, RouteRule.read(Role.VIEWER));
    app.addHttpHandler(HandlerType.DELETE, PATH, this::logout, RouteRule.open());
    app.addHttpHandler(HandlerType.GET, PATH + "/providers", this::providers, RouteRule.open());
    app.addHttpHandler(HandlerType.GET, PATH + "/oidc", this::beginOidc, RouteRule.open());
    app.addHttpHandler(
        HandlerType.GET, CALLBACK, this::finishOidc, RouteRule.login("session.create"));
  }

  /** {@code POST /session {"apiKey": "dxk_…"}}: 200 with the session, and its cookie. */
  private void login(Context ctx) {
    JsonNode body = RestApi.body(ctx);
    JsonNode key = body.path("apiKey");
    Authenticator.Authenticated ok =
        switch (authenticator.authenticateKey(key.isTextual() ? key.asText() : null, ctx.ip())) {
          case Authenticator.Authenticated authenticated -> authenticated;
          case Authenticator.Refused refused ->
              throw AccessDenied.unauthenticated(refused.reason());
          case Authenticator.Throttled throttled ->
              throw AccessDenied.throttled(throttled.retryAfter());
        };
    ConsoleSessions.Started started = authenticator.sessions().start(ok.principal(), ok.keyId());
    AccessControl.loggedIn(ctx, ok.principal());
    setCookie(ctx, COOKIE, started.cookie(), "/", "Strict", -1);
    RestApi.json(ctx, 200, toJson(ok.principal(), started.session()));
  }

  /** {@code GET /session}: who the cookie (or bearer credential) is. */
  private void current(Context ctx) {
    RestApi.json(ctx, 200, toJson(AccessControl.principal(ctx), AccessControl.session(ctx)));
  }

  /**
   * {@code DELETE /session}: 204, the cookie cleared (the sealed value stays valid until expiry).
   */
  private void logout(Context ctx) {
    setCookie(ctx, COOKIE, "", "/", "Strict", 0);
    ctx.status(204);
  }

  /** {@code GET /session/providers}: which ways of logging in the login page offers. */
  private void providers(Context ctx) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("apiKey", true);
    json.put("oidc", oidc.isPresent());
    RestApi.json(ctx, 200, json);
  }

  /** {@code GET /session/oidc}: 302 to the issuer's sign-in, with the sign-in's cookie. */
  private void beginOidc(Context ctx) {
    OidcLogin login = oidcLogin();
    OidcLogin.Start start = login.begin(URI.create(origin(ctx) + CALLBACK));
    setCookie(
        ctx,
        LOGIN_COOKIE,
        start.cookie(),
        CALLBACK,
        // sent back on the issuer's top-level redirect to the callback, which Strict would withhold
        "Lax",
        (int) OidcLogin.MAX_LOGIN.toSeconds());
    ctx.redirect(start.authorizeUrl().toString(), io.javalin.http.HttpStatus.FOUND);
  }

  /** {@code GET /session/oidc/callback?code&state}: the session's cookie, and 302 to {@code /}. */
  private void finishOidc(Context ctx) {
    OidcLogin login = oidcLogin();
    setCookie(ctx, LOGIN_COOKIE, "", CALLBACK, "Lax", 0);
    String error = ctx.queryParam("error");
    if (error != null) {
      throw AccessDenied.unauthenticated(
          "The identity provider ended the sign-in with '"
              + error
              + "'. Start the sign-in again from the console's login page.");
    }
    Principal principal;
    try {
      principal =
          login.finish(ctx.queryParam("code"), ctx.queryParam("state"), ctx.cookie(LOGIN_COOKIE));
    } catch (OidcLogin.Refused refused) {
      throw new Refusal(refused.status(), code(refused.status()), refused.getMessage());
    }
    ConsoleSessions.Started started =
        authenticator.sessions().start(principal, ConsoleSession.OIDC);
    AccessControl.loggedIn(ctx, principal);
    setCookie(ctx, COOKIE, started.cookie(), "/", "Strict", -1);
    ctx.redirect("/", io.javalin.http.HttpStatus.FOUND);
  }

  private static String code(int status) {
    return switch (status) {
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 502 -> "identityProviderFailed";
      default -> "badRequest";
    };
  }

  private OidcLogin oidcLogin() {
    return oidc.orElseThrow(
        () ->
            new RestApi.NotFound(
                "Signing in with OpenID Connect is not configured: set api.auth.oidc.issuer and"
                    + " api.auth.oidc.clientId, or log in with an API key."));
  }

  /** {@code scheme://host[:port]} as the browser addresses this service. */
  private String origin(Context ctx) {
    return publicUrl
        .map(URI::toString)
        .orElseGet(() -> (ctx.req().isSecure() ? "https" : "http") + "://" + ctx.host());
  }

  private static ObjectNode toJson(Principal principal, ConsoleSession session) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", principal.name());
    json.put("role", principal.role().wireName());
    json.put("csrfToken", session == null ? null : session.csrfToken());
    json.put("expiresAt", session == null ? null : session.expires().toString());
    return json;
  }

  /**
   * Sets a cookie, {@code HttpOnly}, {@code Secure} when the browser reaches the service over TLS
   * (the request came over TLS, or the public URL is {@code https}).
   *
   * @param maxAge seconds; -1 for a cookie that ends with the browser session, 0 to remove it
   */
  private void setCookie(
      Context ctx, String name, String value, String path, String sameSite, int maxAge) {
    StringBuilder cookie = new StringBuilder(name).append('=').append(value);
    cookie.append("; Path=").append(path);
    if (maxAge >= 0) {
      cookie.append("; Max-Age=").append(maxAge);
    }
    cookie.append("; HttpOnly; SameSite=").append(sameSite);
    if (ctx.req().isSecure() || publicOverTls) {
      cookie.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", cookie.toString());
  }
}
