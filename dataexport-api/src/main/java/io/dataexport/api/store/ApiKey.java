package io.dataexport.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An API key as the store keeps it: everything but the key itself, of which only a hash is stored.
 *
 * @param id the key's public id, also the first part of the key a caller sends
 * @param name what the administrator called it (unique); the principal the audit log names
 * @param role the role it grants ({@code viewer}, {@code operator} or {@code admin})
 * @param createdAt when it was created
 * @param lastUsedAt when it last authenticated a request (kept to about a minute), or null when
 *     never
 */
public record ApiKey(String id, String name, String role, Instant createdAt, Instant lastUsedAt) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
