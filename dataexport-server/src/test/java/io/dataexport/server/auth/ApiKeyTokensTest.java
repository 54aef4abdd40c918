package io.dataexport.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.store.ApiKey;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.store.config.JdbcConfigStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys as callers hold them, against the embedded store. */
class ApiKeyTokensTest {
  @TempDir Path data;
  private ConfigStore store;
  private ApiKeyTokens keys;

  @BeforeEach
  void open() {
    store = JdbcConfigStore.open(data);
    keys = new ApiKeyTokens(store.apiKeys());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anIssuedKeyAuthenticatesItsNameAndRoleAndNothingElseDoes() {
    ApiKeyTokens.Issued issued = keys.issue("ci", Role.OPERATOR);
    String token = issued.token();
    Instant now = Instant.now();

    assertThat(issued.toString()).doesNotContain(token);
    assertThat(keys.authenticate(token, now)).contains(new Principal("ci", Role.OPERATOR));
    assertThat(keys.authenticate(token.substring(0, token.length() - 1) + "x", now)).isEmpty();
    assertThat(keys.authenticate("dxk_" + issued.key().id(), now)).isEmpty();
    assertThat(store.apiKeys().list()).extracting(ApiKey::lastUsedAt).doesNotContainNull();

    store.apiKeys().revoke(issued.key().id());
    assertThat(keys.authenticate(token, now)).isEmpty();
  }

  @Test
  void aNameMustBeReadable() {
    assertThatThrownBy(() -> keys.issue(" spaced", Role.VIEWER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name = ' spaced'");
  }
}
