package io.dataexport.server.api;

import io.dataexport.api.store.AuditEntry;
import io.dataexport.api.store.AuditLog;
import io.dataexport.server.auth.Authenticator;
import io.dataexport.server.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides who may call what (SPEC §9): before a matched route runs, its {@link
 * RouteRule} is read and the caller authenticated and checked against it; after a call that changes
 * state, the audit log gets an entry. Also puts the security headers on every answer.
 */
final class AccessControl {
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final String RULE = "dataexport.routeRule";
  private static final String PRINCIPAL = "dataexport.principal";

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
    Principal principal =
        switch (authenticator.authenticate(ctx.header("Authorization"), ctx.ip())) {
          case Authenticator.Authenticated ok -> ok.principal();
          case Authenticator.Refused refused ->
              throw AccessDenied.unauthenticated(refused.reason());
          case Authenticator.Throttled throttled ->
              throw AccessDenied.throttled(throttled.retryAfter());
        };
    ctx.attribute(PRINCIPAL, principal);
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
