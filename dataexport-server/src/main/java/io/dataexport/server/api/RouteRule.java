package io.dataexport.server.api;

import io.dataexport.server.auth.Role;
import io.javalin.security.RouteRole;

/**
 * What a route declares about access: the least role that may call it (null: anyone, without
 * credentials) and, for a call that changes state, the action the audit log records. Every route of
 * the API declares exactly one; {@link AccessControl} enforces it.
 *
 * @param role the least role that may call the route, or null when it is public
 * @param action the audit log's name for the call (e.g. {@code profile.activate}), or null when it
 *     changes nothing
 */
record RouteRule(Role role, String action) implements RouteRole {
  /** Anyone may call it, without credentials. */
  static RouteRule open() {
    return new RouteRule(null, null);
  }

  /**
   * Anyone may call it, without credentials; when it authenticates someone (a login), the audit log
   * records it as {@code action} under their name.
   */
  static RouteRule login(String action) {
    return new RouteRule(null, action);
  }

  /** A call that changes nothing, for {@code role} and above. */
  static RouteRule read(Role role) {
    return new RouteRule(role, null);
  }

  /** A call that changes state, for {@code role} and above, recorded as {@code action}. */
  static RouteRule change(Role role, String action) {
    return new RouteRule(role, action);
  }
}
