package io.dataexport.server.auth;

import io.dataexport.api.store.ApiKey;
import io.dataexport.api.store.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys as callers hold them: {@code dxk_<id>_<secret>}, the secret 256 random bits in
 * base64url. The store keeps the id and the SHA-256 of the secret only, so a key is shown once,
 * when made. A key's last use is recorded at most once a minute, so authenticating stays a read.
 */
public final class ApiKeyTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN = Pattern.compile("dxk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}");
  private static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

  private final ApiKeys keys;
  private final Map<String, Instant> lastRecordedUse = new ConcurrentHashMap<>();

  public ApiKeyTokens(ApiKeys keys) {
    this.keys = keys;
  }

  /**
   * A new key and its token, the only time the token exists outside the caller.
   *
   * @param key the key as stored
   * @param token what the caller sends as {@code Authorization: Bearer <token>}
   */
  public record Issued(ApiKey key, String token) {
    @Override
    public String toString() {
      return "Issued[key=" + key + ", token=****]";
    }
  }

  /**
   * Revokes the keys named {@code name} and makes a new one under that name: for a tool that needs
   * a key it can show each time it runs (the demo's console key), without piling up keys.
   */
  public Issued reissue(String name, Role role) {
    keys.list().stream().filter(k -> k.name().equals(name)).forEach(k -> keys.revoke(k.id()));
    return issue(name, role);
  }

  /**
   * Makes a key and stores its hash.
   *
   * @throws IllegalArgumentException when the name is not 1–100 letters, digits, spaces or {@code
   *     ._@-} (the message says so)
   * @throws io.dataexport.api.store.DuplicateApiKeyNameException when the name is taken
   */
  public Issued issue(String name, Role role) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name = '"
              + name
              + "': give 1 to 100 letters, digits, spaces or . _ @ -, beginning with a letter or"
              + " digit.");
    }
    byte[] secretBytes = new byte[32];
    RANDOM.nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    ApiKey key = keys.create(name, role.wireName(), sha256(secret));
    return new Issued(key, "dxk_" + key.id() + "_" + secret);
  }

  /** True when a bearer token has the form of an API key (and so is no JWT). */
  public static boolean looksLikeKey(String token) {
    return token.startsWith("dxk_");
  }

  /**
   * The caller a token authenticates: a stored key whose secret hashes to the stored hash and whose
   * role is known; empty otherwise.
   */
  public Optional<Principal> authenticate(String token, Instant now) {
    return verify(token, now).flatMap(ApiKeyTokens::principal);
  }

  /** The stored key a token is, when its secret matches; empty otherwise. */
  public Optional<ApiKey> verify(String token, Instant now) {
    Matcher parts = TOKEN.matcher(token);
    if (!parts.matches()) {
      return Optional.empty();
    }
    Optional<ApiKey> key = keys.verify(parts.group(1), sha256(parts.group(2)));
    key.ifPresent(found -> recordUse(found.id(), now));
    return key;
  }

  /** The caller a stored key stands for; empty when its role is not one this version knows. */
  public static Optional<Principal> principal(ApiKey key) {
    return Role.named(key.role()).map(r -> new Principal(key.name(), r));
  }

  private void recordUse(String id, Instant now) {
    Instant last = lastRecordedUse.get(id);
    if (last == null || !now.isBefore(last.plus(LAST_USE_GRANULARITY))) {
      lastRecordedUse.put(id, now);
      keys.markUsed(id, now);
    }
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
