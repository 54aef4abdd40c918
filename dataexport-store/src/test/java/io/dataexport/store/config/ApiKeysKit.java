package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.store.ApiKey;
import io.dataexport.api.store.ApiKeys;
import io.dataexport.api.store.DuplicateApiKeyNameException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link ApiKeys}: keys found only with the right hash, listed, unique by
 * name, used and revoked.
 */
abstract class ApiKeysKit extends StoreKit {
  private ApiKeys keys;

  @BeforeEach
  void open() {
    keys = store.apiKeys();
  }

  @Test
  void aKeyIsFoundByItsIdOnlyWithTheHashOfItsSecret() {
    assertThat(keys.isEmpty()).isTrue();
    ApiKey created = keys.create("ci", "operator", hash("secret-1"));

    assertThat(keys.isEmpty()).isFalse();
    assertThat(created.name()).isEqualTo("ci");
    assertThat(created.role()).isEqualTo("operator");
    assertThat(created.lastUsedAt()).isNull();
    assertThat(keys.verify(created.id(), hash("secret-1"))).contains(created);
    assertThat(keys.verify(created.id(), hash("secret-2"))).isEmpty();
    assertThat(keys.verify("no-such-id", hash("secret-1"))).isEmpty();
  }

  @Test
  void keysAreListedOldestFirstAndSurviveAReopen() {
    ApiKey first = keys.create("first", "admin", hash("a"));
    ApiKey second = keys.create("second", "viewer", hash("b"));
    store.close();
    store = fixture.open();

    assertThat(store.apiKeys().list()).containsExactly(first, second);
  }

  @Test
  void namesAreUniqueIgnoringLetterCase() {
    keys.create("Deploy", "viewer", hash("a"));

    assertThatThrownBy(() -> keys.create("deploy", "admin", hash("b")))
        .isInstanceOf(DuplicateApiKeyNameException.class)
        .hasMessageContaining("'deploy'")
        .hasMessageContaining("revoke");
    assertThat(keys.list()).hasSize(1);
  }

  @Test
  void lastUseOnlyMovesForward() {
    ApiKey key = keys.create("ci", "viewer", hash("a"));
    Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

    keys.markUsed(key.id(), later);
    keys.markUsed(key.id(), later.minus(10, ChronoUnit.MINUTES));

    assertThat(keys.list()).singleElement().extracting(ApiKey::lastUsedAt).isEqualTo(later);
  }

  @Test
  void aRevokedKeyIsNotFoundAnyMore() {
    ApiKey key = keys.create("ci", "viewer", hash("a"));
    ApiKey other = keys.create("other", "viewer", hash("b"));

    assertThat(keys.revoke(key.id())).isTrue();
    assertThat(keys.revoke(key.id())).isFalse();
    assertThat(keys.verify(key.id(), hash("a"))).isEmpty();
    assertThat(keys.list()).containsExactly(other);
  }

  @Test
  void aKeyIsFoundByItsIdAloneUntilItIsRevoked() {
    ApiKey key = keys.create("console", "operator", hash("a"));

    assertThat(keys.find(key.id())).contains(key);
    assertThat(keys.find("0000000000000000")).isEmpty();
    keys.revoke(key.id());
    assertThat(keys.find(key.id())).isEmpty();
  }

  private static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
