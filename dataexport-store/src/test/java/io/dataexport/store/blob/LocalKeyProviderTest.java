package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.WrappedKey;
import io.dataexport.api.error.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local key provider: the compatibility kit, and what is its own (key files, their permissions,
 * the primary pointer, ids that could name files).
 */
class LocalKeyProviderTest extends KeyProviderCompatibilityKit {
  @TempDir Path dataDirectory;

  @Override
  protected KeyProvider open() {
    return LocalKeyProvider.open(dataDirectory);
  }

  @Override
  protected KeyProvider rotate(KeyProvider provider) {
    ((LocalKeyProvider) provider).rotate();
    return provider;
  }

  @Override
  protected KeyProvider openWithOtherKeyUnder(String keyId) {
    Path otherData = dataDirectory.resolve("other-installation");
    Path otherKeys = LocalKeyProvider.directory(otherData);
    try {
      Files.createDirectories(otherKeys);
      Files.write(otherKeys.resolve(keyId), dataKey());
      Files.writeString(otherKeys.resolve("primary"), keyId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return LocalKeyProvider.open(otherData);
  }

  private Path keyDirectory() {
    return dataDirectory.resolve("keys/blob-keys");
  }

  private Path pointer() {
    return keyDirectory().resolve("primary");
  }

  private List<String> keyFiles() throws IOException {
    try (Stream<Path> files = Files.list(keyDirectory())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("kek-"))
          .sorted()
          .toList();
    }
  }

  private boolean posix() throws IOException {
    return Files.getFileStore(dataDirectory).supportsFileAttributeView("posix");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theFirstOpenCreatesAnOwnerOnlyKeyAndNamesItPrimary() throws IOException {
    LocalKeyProvider keys = LocalKeyProvider.open(dataDirectory);

    String id = keys.primaryKeyId();
    assertThat(id).matches("kek-\\d{8}T\\d{12}Z-[0-9a-f]{8}");
    assertThat(keyFiles()).containsExactly(id);
    assertThat(Files.size(keyDirectory().resolve(id))).isEqualTo(32);
    assertThat(Files.readString(pointer()).strip()).isEqualTo(id);
    if (posix()) {
      assertThat(permissions(keyDirectory().resolve(id))).isEqualTo("rw-------");
      assertThat(permissions(pointer())).isEqualTo("rw-------");
      assertThat(permissions(keyDirectory())).isEqualTo("rwx------");
      assertThat(permissions(dataDirectory.resolve("keys"))).isEqualTo("rwx------");
    }
  }

  @Test
  void reopeningKeepsThePrimaryKeyAndUnwrapsWhatWasWrapped() {
    LocalKeyProvider keys = LocalKeyProvider.open(dataDirectory);
    byte[] dataKey = dataKey();
    WrappedKey wrapped = keys.wrap(dataKey);

    LocalKeyProvider reopened = LocalKeyProvider.open(dataDirectory);

    assertThat(reopened.primaryKeyId()).isEqualTo(keys.primaryKeyId());
    assertThat(reopened.unwrap(wrapped)).isEqualTo(dataKey);
  }

  @Test
  void keysInADirectoryOfTheirOwnServeEveryProviderOpenedOnIt() throws IOException {
    Path shared = dataDirectory.resolve("mounted/blob-keys");
    LocalKeyProvider first = LocalKeyProvider.openKeyDirectory(shared);
    byte[] dataKey = dataKey();
    WrappedKey wrapped = first.wrap(dataKey);

    LocalKeyProvider second = LocalKeyProvider.openKeyDirectory(shared);

    assertThat(second.primaryKeyId()).isEqualTo(first.primaryKeyId());
    assertThat(second.unwrap(wrapped)).isEqualTo(dataKey);
    try (Stream<Path> files = Files.list(shared)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("primary", first.primaryKeyId());
    }
    if (posix()) {
      assertThat(permissions(shared)).isEqualTo("rwx------");
    }
  }

  @Test
  void rotationMakesANewOwnerOnlyPrimaryAndKeepsTheOldKeysForReading() throws IOException {
    LocalKeyProvider keys = LocalKeyProvider.open(dataDirectory);
    String first = keys.primaryKeyId();
    byte[] dataKey = dataKey();
    WrappedKey underFirst = keys.wrap(dataKey);

    String second = keys.rotate();

    assertThat(second).isNotEqualTo(first);
    assertThat(keys.primaryKeyId()).isEqualTo(second);
    assertThat(keyFiles()).containsExactly(first, second);
    assertThat(Files.readString(pointer()).strip()).isEqualTo(second);
    if (posix()) {
      assertThat(permissions(keyDirectory().resolve(second))).isEqualTo("rw-------");
    }
    LocalKeyProvider reopened = LocalKeyProvider.open(dataDirectory);
    assertThat(reopened.primaryKeyId()).isEqualTo(second);
    assertThat(reopened.unwrap(underFirst)).isEqualTo(dataKey);
  }

  @Test
  void aMissingKeyIsAConfigurationErrorNamingItsIdAndFile() throws IOException {
    LocalKeyProvider keys = LocalKeyProvider.open(dataDirectory);
    String first = keys.primaryKeyId();
    WrappedKey underFirst = keys.wrap(dataKey());
    keys.rotate();
    Files.delete(keyDirectory().resolve(first));

    assertThatThrownBy(() -> LocalKeyProvider.open(dataDirectory).unwrap(underFirst))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'" + first + "' is missing")
        .hasMessageContaining(keyDirectory().resolve(first).toString());
  }

  @Test
  void aMissingPrimaryKeyIsReportedAtOpenAndNotSilentlyReplaced() throws IOException {
    String id = LocalKeyProvider.open(dataDirectory).primaryKeyId();
    Files.delete(keyDirectory().resolve(id));

    assertThatThrownBy(() -> LocalKeyProvider.open(dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(id)
        .hasMessageContaining("is missing");
    assertThat(keyFiles()).isEmpty();
  }

  @Test
  void aKeyFileOfTheWrongSizeIsReported() throws IOException {
    String id = LocalKeyProvider.open(dataDirectory).primaryKeyId();
    Files.write(keyDirectory().resolve(id), new byte[10]);

    assertThatThrownBy(() -> LocalKeyProvider.open(dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("holds 10 bytes")
        .hasMessageContaining(keyDirectory().resolve(id).toString());
  }

  @Test
  void aPrimaryPointerThatHoldsNoKeyIdIsReported() throws IOException {
    LocalKeyProvider.open(dataDirectory);
    Files.writeString(pointer(), "../config.key");

    assertThatThrownBy(() -> LocalKeyProvider.open(dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(pointer().toString())
        .hasMessageContaining("'../config.key'");
  }

  @Test
  void aLostPrimaryPointerIsRecoveredWithTheNewestKey() throws IOException {
    LocalKeyProvider keys = LocalKeyProvider.open(dataDirectory);
    keys.rotate();
    String newest = keys.rotate();
    Files.delete(pointer());

    assertThat(LocalKeyProvider.open(dataDirectory).primaryKeyId()).isEqualTo(newest);
    assertThat(Files.readString(pointer()).strip()).isEqualTo(newest);
  }

  @Test
  void anIdThatCouldNameAFileOutsideTheKeyDirectoryIsRefused() {
    LocalKeyProvider keys = LocalKeyProvider.open(dataDirectory);
    byte[] wrapped = keys.wrap(dataKey()).bytes();

    for (String id : List.of("../config.key", "kek-../../x", "kek-a/b", "primary", "other-key")) {
      assertThatThrownBy(() -> keys.unwrap(new WrappedKey(id, wrapped)))
          .as(id)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("not one of the local key provider's");
    }
  }

  @Test
  void theConfigStoreKeyAndTheBlobKeysLiveSideBySide() throws IOException {
    LocalKeyProvider.open(dataDirectory);
    io.dataexport.store.config.JdbcConfigStore.open(dataDirectory).close();

    assertThat(dataDirectory.resolve("keys/config.key")).isRegularFile();
    assertThat(keyFiles()).hasSize(1);
  }
}
