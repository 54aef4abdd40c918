package io.dataexport.server.auth;

import java.util.Objects;

/**
 * An authenticated caller: the name the audit log records (an API key's name, or the subject of an
 * OpenID Connect token) and the role it has.
 *
 * @param name the API key's name or the token's subject
 * @param role what it may do
 */
public record Principal(String name, Role role) {
  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
