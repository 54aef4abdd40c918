package io.dataexport.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A console user's login, as its sealed cookie carries it: no server-side state, so any node of a
 * cluster accepts it.
 *
 * @param subject who logged in: the API key's name or the token's subject
 * @param role the role at login (an API-key session follows the key's current role instead)
 * @param keyId the id of the API key it was made with, or {@value #OIDC} for an OpenID Connect
 *     login
 * @param csrfToken what state-changing requests of the session must send in {@code X-CSRF-Token}
 * @param issued when it was made
 * @param expires when it ends
 */
public record ConsoleSession(
    String subject, Role role, String keyId, String csrfToken, Instant issued, Instant expires) {
  /** The {@link #keyId} of a session made by an OpenID Connect login. */
  public static final String OIDC = "oidc";

  public ConsoleSession {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(expires, "expires");
  }

  /** True when it was made with an API key, which must still exist for it to be valid. */
  public boolean byApiKey() {
    return !OIDC.equals(keyId);
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("sub", subject);
    json.put("role", role.wireName());
    json.put("key", keyId);
    json.put("csrf", csrfToken);
    json.put("iat", issued.toString());
    json.put("exp", expires.toString());
    return json;
  }

  /** The session of a sealed document, empty when a field is missing or wrong. */
  static Optional<ConsoleSession> fromJson(JsonNode json) {
    Optional<Role> role = Role.named(json.path("role").asText());
    if (role.isEmpty()
        || !json.path("sub").isTextual()
        || !json.path("key").isTextual()
        || !json.path("csrf").isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ConsoleSession(
              json.path("sub").asText(),
              role.get(),
              json.path("key").asText(),
              json.path("csrf").asText(),
              Instant.parse(json.path("iat").asText()),
              Instant.parse(json.path("exp").asText())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "ConsoleSession[subject="
        + subject
        + ", role="
        + role.wireName()
        + ", keyId="
        + keyId
        + ", csrfToken=****, issued="
        + issued
        + ", expires="
        + expires
        + "]";
  }
}
