package io.dataexport.server.auth;

import io.dataexport.api.store.ApiKey;
import io.dataexport.api.store.ApiKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's login sessions (SPEC §9): made from an API key or an OpenID Connect login, carried
 * by the browser in a cookie sealed with {@link SealedJson} under a key derived from the config
 * store's ({@value #KEY_LABEL}), so that every node accepts them without a session table. A session
 * made with an API key lives only as long as the key: each use looks the key up, takes its current
 * name and role, and fails once the key is revoked. Thread-safe.
 */
public final class ConsoleSessions {
  /** The label of the key sessions are sealed with, derived from the store's encryption key. */
  public static final String KEY_LABEL = "console-session";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SealedJson sealer;
  private final ApiKeys keys;
  private final Duration lifetime;
  private final Clock clock;

  /**
   * @param key the 32-byte key derived for {@value #KEY_LABEL}
   * @param keys the stored API keys, for the check that a session's key still exists
   * @param lifetime how long a session lasts after its login ({@code api.session.hours})
   */
  public ConsoleSessions(byte[] key, ApiKeys keys, Duration lifetime, Clock clock) {
    this.sealer = new SealedJson(key, KEY_LABEL);
    this.keys = keys;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * A new session and the cookie value that carries it.
   *
   * @param cookie the sealed session, the value of the session cookie
   */
  public record Started(ConsoleSession session, String cookie) {
    @Override
    public String toString() {
      return "Started[session=" + session + ", cookie=****]";
    }
  }

  /** What a session cookie came to. */
  public sealed interface Resumed {}

  /**
   * A live session, as of now: an API-key session with the key's current name and role.
   *
   * @param session the session
   * @param principal who makes the request
   */
  public record Valid(ConsoleSession session, Principal principal) implements Resumed {}

  /**
   * No valid session.
   *
   * @param reason what the user should do, for the error message
   * @param forged true when the cookie was not sealed by this service (a guess or a tampered
   *     value), false when it is merely over (expired, its key revoked)
   */
  public record Invalid(String reason, boolean forged) implements Resumed {}

  /**
   * Starts a session for a caller who just proved who it is.
   *
   * @param keyId the id of the API key it logged in with, or {@link ConsoleSession#OIDC}
   */
  public Started start(Principal principal, String keyId) {
    byte[] csrf = new byte[32];
    RANDOM.nextBytes(csrf);
    Instant now = clock.instant();
    ConsoleSession session =
        new ConsoleSession(
            principal.name(),
            principal.role(),
            keyId,
            Base64.getUrlEncoder().withoutPadding().encodeToString(csrf),
            now,
            now.plus(lifetime));
    return new Started(session, sealer.seal(session.toJson()));
  }

  /** The session a cookie carries, checked now. */
  public Resumed resume(String cookie) {
    Optional<ConsoleSession> opened = sealer.open(cookie).flatMap(ConsoleSession::fromJson);
    if (opened.isEmpty()) {
      return new Invalid(
          "The console session is not valid (it was not made by this service or was changed)."
              + " Log in again.",
          true);
    }
    ConsoleSession session = opened.get();
    if (!clock.instant().isBefore(session.expires())) {
      return new Invalid("The console session has expired. Log in again.", false);
    }
    if (!session.byApiKey()) {
      return new Valid(session, new Principal(session.subject(), session.role()));
    }
    Optional<ApiKey> key = keys.find(session.keyId());
    Optional<Role> role = key.flatMap(found -> Role.named(found.role()));
    if (role.isEmpty()) {
      return new Invalid(
          "The API key this console session was made with has been revoked. Log in with a valid"
              + " key.",
          false);
    }
    ConsoleSession current =
        new ConsoleSession(
            key.get().name(),
            role.get(),
            session.keyId(),
            session.csrfToken(),
            session.issued(),
            session.expires());
    return new Valid(current, new Principal(current.subject(), current.role()));
  }

  /** How long a session lasts after its login. */
  public Duration lifetime() {
    return lifetime;
  }
}
