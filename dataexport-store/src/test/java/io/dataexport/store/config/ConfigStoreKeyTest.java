package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.store.ConfigStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreKeyTest {
  static final String CLIENT_SECRET = "cl13nt-S3cret-~Value.42";
  static final String PASSWORD = "Destination-P@ssw0rd-77";
  static final String DOCUMENT =
      "{\"name\":\"sales\",\"source\":{\"auth\":{\"clientSecret\":\""
          + CLIENT_SECRET
          + "\"}},\"destination\":{\"password\":\""
          + PASSWORD
          + "\"}}";

  @TempDir Path dataDirectory;

  private Path keyFile() {
    return dataDirectory.resolve("keys/config.key");
  }

  @Test
  void secretsAreNotInTheDatabaseFiles() throws IOException {
    try (ConfigStore store = JdbcConfigStore.open(dataDirectory)) {
      String id = store.create("sales", DOCUMENT).id();
      store.updateDocument(id, DOCUMENT);
      assertThat(store.profile(id).orElseThrow().documentJson()).isEqualTo(DOCUMENT);

      // While open, recent writes may still be only in the write-ahead log: read every file.
      String raw = SqliteFiles.rawContent(dataDirectory);
      assertThat(raw).contains("sales");
      assertThat(raw).doesNotContain(CLIENT_SECRET).doesNotContain(PASSWORD);
      assertThat(raw).doesNotContain("clientSecret");
      assertThat(raw)
          .doesNotContain(HexFormat.of().formatHex(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(SqliteFiles.rawContent(dataDirectory)).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void theKeyIsThirtyTwoBytesReadableByItsOwnerOnly() throws IOException {
    JdbcConfigStore.open(dataDirectory).close();

    assertThat(Files.size(keyFile())).isEqualTo(32);
    if (Files.getFileStore(keyFile()).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void derivedKeysAreStablePerLabelAndUnlikeTheKeyAndEachOther() throws IOException {
    byte[] session;
    byte[] login;
    try (ConfigStore store = JdbcConfigStore.open(dataDirectory)) {
      session = store.derivedKey("console-session");
      login = store.derivedKey("console-oidc-login");
    }
    byte[] key = Files.readAllBytes(dataDirectory.resolve("keys/config.key"));
    try (ConfigStore reopened = JdbcConfigStore.open(dataDirectory)) {
      assertThat(reopened.derivedKey("console-session")).isEqualTo(session);
    }

    assertThat(session).hasSize(32).isNotEqualTo(login);
    assertThat(session).isNotEqualTo(key);
  }

  @Test
  void aWrongKeyIsReportedAtOpen() throws IOException {
    JdbcConfigStore.open(dataDirectory).close();
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    Files.write(keyFile(), other);

    assertThatThrownBy(() -> JdbcConfigStore.open(dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(keyFile().toString())
        .hasMessageContaining("is not the key")
        .hasMessageContaining("Restore");
  }

  @Test
  void aMissingKeyIsReportedAndNotSilentlyReplaced() throws IOException {
    try (ConfigStore store = JdbcConfigStore.open(dataDirectory)) {
      store.create("sales", DOCUMENT);
    }
    Files.delete(keyFile());

    assertThatThrownBy(() -> JdbcConfigStore.open(dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is missing")
        .hasMessageContaining(keyFile().toString());
    assertThat(keyFile()).doesNotExist();
  }

  @Test
  void aKeyFileOfTheWrongSizeIsReported() throws IOException {
    JdbcConfigStore.open(dataDirectory).close();
    Files.write(keyFile(), new byte[10]);

    assertThatThrownBy(() -> JdbcConfigStore.open(dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("holds 10 bytes");
  }

  @Test
  void theRightKeyOpensTheStoreAgain() {
    String id;
    try (ConfigStore store = JdbcConfigStore.open(dataDirectory)) {
      id = store.create("sales", DOCUMENT).id();
    }
    try (ConfigStore store = JdbcConfigStore.open(dataDirectory)) {
      assertThat(store.profile(id).orElseThrow().documentJson()).isEqualTo(DOCUMENT);
    }
  }
}
