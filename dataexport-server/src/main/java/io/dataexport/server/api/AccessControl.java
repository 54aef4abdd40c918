package io.dataexport.server.api;

import io.dataexport.api.store.AuditEntry;
import io.dataexport.api.store.AuditLog;
import io.dataexport.server.auth.Authenticator;
import io.dataexport.server.auth.ConsoleSession;
import io.dataexport.server.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides who may call what (SPEC §9): before a matched route runs, its {@link
 * RouteRule} is read and the caller authenticated and checked against it; after a call that changes
 * state, the audit log gets an entry. Also puts the security headers on every answer.
 *
 * <p>A request without an {@code Authorization} header but with the console's session cookie is
 * authenticated by the cookie; such a request, unless it is a GET, HEAD or OPTIONS, must also send
 * the session's CSRF token in {@value #CSRF_HEADER}, which another site cannot read (the cookie is
 * {@code SameSite=Strict} as well). Bearer credentials need no CSRF token: a browser never sends
 * them by itself.
 */
final class AccessControl {
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final String RULE = "dataexport.routeRule";
  private static final String PRINCIPAL = "dataexport.principal";
  private static final String SESSION = "dataexport.session";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  /** The header a cookie-authenticated request that changes state sends its CSRF token in. */
  static final String CSRF_HEADER = "X-CSRF-Token";

  /** Set by a route whose target is not in its path (e.g. the id of what it created). */
  static final String TARGET = "dataexport.auditTarget";

  private final Authenticator authenticator;
  private final AuditLog audit;

  AccessControl(Authenticator authenticator, AuditLog audit) {
    this.authenticator = authenticator;
    this.audit = audit;
  }

  void install(Javalin app) {
    app.before(AccessControl::securityHeaders);
    app.beforeMatched(this::check);
    app.after(this::record);
  }

  /** The caller of a request that passed {@link #check}, or null on a public route. */
  static Principal principal(Context ctx) {
    return ctx.attribute(PRINCIPAL);
  }

  /** The console session a request was authenticated by, or null (bearer credentials, none). */
  static ConsoleSession session(Context ctx) {
    return ctx.attribute(SESSION);
  }

  /** Names who a public login route authenticated, for its audit entry. */
  static void loggedIn(Context ctx, Principal principal) {
    ctx.attribute(PRINCIPAL, principal);
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
  }

  private void check(Context ctx) {
    RouteRule rule = ruleOf(ctx.routeRoles());
    if (rule == null) {
      // a route registered without its rule: closed, never open by mistake
      LOG.error("The route {} {} declares no role; refusing it", ctx.method(), ctx.matchedPath());
      throw AccessDenied.forbidden("This route declares no role and is closed.");
    }
    ctx.attribute(RULE, rule);
    if (rule.role() == null) {
      return;
    }
    String authorization = ctx.header("Authorization");
    String cookie = ctx.cookie(SessionRoutes.COOKIE);
    boolean bySession =
        (authorization == null || authorization.isBlank()) && cookie != null && !cookie.isEmpty();
    Authenticator.Authenticated ok =
        switch (bySession
            ? authenticator.authenticateSession(cookie, ctx.ip())
            : authenticator.authenticate(authorization, ctx.ip())) {
          case Authenticator.Authenticated authenticated -> authenticated;
          case Authenticator.Refused refused ->
              throw AccessDenied.unauthenticated(refused.reason());
          case Authenticator.Throttled throttled ->
              throw AccessDenied.throttled(throttled.retryAfter());
        };
    Principal principal = ok.principal();
    ctx.attribute(PRINCIPAL, principal);
    if (ok.session() != null) {
      ctx.attribute(SESSION, ok.session());
      if (!SAFE_METHODS.contains(ctx.method().name()) && !csrfMatches(ctx, ok.session())) {
        throw AccessDenied.forbidden(
            "Missing or wrong CSRF token: a console session's "
                + ctx.method()
                + " must send the session's csrfToken (from GET /api/v1/session) in the "
                + CSRF_HEADER
                + " header.");
      }
    }
    if (!principal.role().includes(rule.role())) {
      throw AccessDenied.forbidden(
          principal.name()
              + " has the role "
              + principal.role().wireName()
              + ", which may not "
              + ctx.method()
              + " "
              + ctx.matchedPath()
              + "; it needs "
              + rule.role().wireName()
              + ". Ask an administrator for a key or role that may.");
    }
  }

  private static boolean csrfMatches(Context ctx, ConsoleSession session) {
    String sent = ctx.header(CSRF_HEADER);
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  /** The rule of a route: its one {@link RouteRule}, or null when it declares none (or more). */
  static RouteRule ruleOf(Set<RouteRole> roles) {
    return roles.size() == 1 && roles.iterator().next() instanceof RouteRule rule ? rule : null;
  }

  /** An audit entry for an authenticated call of a route that changes state. */
  private void record(Context ctx) {
    RouteRule rule = ctx.attribute(RULE);
    Principal principal = principal(ctx);
    if (rule == null || rule.action() == null || principal == null) {
      return;
    }
    int status = ctx.statusCode();
    String outcome = status < 300 ? "ok" : status == 403 ? "denied" : "failed";
    String target = ctx.attribute(TARGET);
    if (target == null) {
      target = ctx.pathParamMap().get("id");
    }
    String entity = ctx.pathParamMap().get("entity");
    try {
      audit.record(
          AuditEntry.of(
              principal.name(),
              rule.action(),
              target,
              outcome,
              // the status and the entity only: messages may quote what the caller sent
              "status " + status + (entity == null ? "" : ", entity " + entity)));
    } catch (RuntimeException e) {
      // e.g. after an uninstall, which removes the audit log with everything else
      LOG.warn(
          "Cannot record {} by {} in the audit log: {}",
          rule.action(),
          principal.name(),
          e.toString());
    }
  }
}
