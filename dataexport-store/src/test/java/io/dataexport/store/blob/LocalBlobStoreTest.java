package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.api.error.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreCompatibilityKit {
  @TempDir Path dataDirectory;

  private LocalKeyProvider keys;

  @Override
  protected BlobStore open() {
    keys = LocalKeyProvider.open(dataDirectory);
    return LocalBlobStore.open(dataDirectory, keys);
  }

  @Override
  protected String rotateKey() {
    return keys.rotate();
  }

  private LocalBlobStore local() {
    return (LocalBlobStore) store;
  }

  private Path blobs() {
    return dataDirectory.resolve("blobs");
  }

  private Path fileOf(String key) {
    return blobs().resolve(key + ".blob");
  }

  @Override
  protected Optional<byte[]> storedBytes(String key) {
    try {
      return Files.exists(fileOf(key))
          ? Optional.of(Files.readAllBytes(fileOf(key)))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void writeStoredBytes(String key, byte[] bytes) {
    try {
      Files.write(fileOf(key), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected List<String> storedKeys() {
    try (Stream<Path> files = Files.walk(blobs())) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> blobs().relativize(file).toString().replace('\\', '/'))
          .map(name -> name.replaceFirst("\\.blob(\\.tmp)?$", ""))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key id in a stored blob's header, read by the documented layout. */
  private String headerKeyId(String key) {
    ByteBuffer header = ByteBuffer.wrap(storedBytes(key).orElseThrow());
    byte[] magic = new byte[4];
    header.get(magic);
    assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("DXEB");
    assertThat(header.get()).as("version").isEqualTo((byte) 1);
    byte[] id = new byte[header.getShort()];
    header.get(id);
    return new String(id, StandardCharsets.UTF_8);
  }

  private static List<Path> allFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void aBlobIsOneFileNamedByItsKeyWithTheDocumentedHeader() {
    store.put("p1/parked/n1", utf8("x"));

    assertThat(fileOf("p1/parked/n1")).isRegularFile();
    assertThat(headerKeyId("p1/parked/n1")).isEqualTo(keys.primaryKeyId());
    // magic, version, id length, id, wrapped length, 40-byte AES-KW of a 32-byte key, nonce, 1 +
    // tag
    int idLength = keys.primaryKeyId().length();
    assertThat(storedBytes("p1/parked/n1").orElseThrow())
        .hasSize(4 + 1 + 2 + idLength + 2 + 40 + 12 + 1 + 16);
  }

  @Test
  void noFileUnderTheDataDirectoryHoldsThePlaintext() throws IOException {
    store.put("p1/payloads/secret", payloadWithSecret());
    store.put("p1/payloads/secret", payloadWithSecret());

    for (Path file : allFiles(dataDirectory)) {
      byte[] content = Files.readAllBytes(file);
      for (byte[] form : encodingsOf(SECRET)) {
        assertThat(contains(content, form)).as("%s holds the plaintext", file).isFalse();
      }
    }
  }

  @Test
  void afterDeletingNothingOfTheBlobRemainsOnDisk() throws IOException {
    store.put("p1/parked/deep/n1", payloadWithSecret());
    Files.write(blobs().resolve("p1/parked/deep/n1.blob.tmp"), new byte[] {1, 2, 3});

    store.delete("p1/parked/deep/n1");

    assertThat(allFiles(blobs())).isEmpty();
    try (Stream<Path> entries = Files.list(blobs())) {
      assertThat(entries).as("directories left empty are removed").isEmpty();
    }
  }

  @Test
  void afterDeleteAllNoFileOrDirectoryOfThePrefixRemains() throws IOException {
    for (int i = 0; i < 20; i++) {
      store.put("p1/parked/n" + i, utf8("n" + i));
      store.put("p1/payloads/e" + (i % 4) + "/n" + i, utf8("n" + i));
    }
    store.put("p2/parked/n1", utf8("other profile"));
    Files.write(blobs().resolve("p1/parked/n3.blob.tmp"), new byte[] {1, 2, 3});

    store.deleteAll("p1/");

    assertThat(blobs().resolve("p1")).doesNotExist();
    assertThat(storedKeys()).containsExactly("p2/parked/n1");
  }

  @Test
  void listTakesTheFilesTimeAndLeavesOutWhatACrashedWriteLeft() throws IOException {
    store.put("p1/payload/a/n1", utf8("n1"));
    store.put("p1/payload/a/n2", utf8("n2"));
    Instant longAgo = Instant.parse("2025-01-02T03:04:05Z");
    Files.setLastModifiedTime(fileOf("p1/payload/a/n1"), FileTime.from(longAgo));
    Files.write(blobs().resolve("p1/payload/a/n3.blob.tmp"), new byte[] {1, 2, 3});
    Files.write(blobs().resolve("p1/payload/a/n2.blob.tmp"), new byte[] {1, 2, 3});
    Files.write(blobs().resolve("p1/payload/a/notes.txt"), new byte[] {1});

    assertThat(store.list("p1/"))
        .extracting(StoredBlob::key, StoredBlob::lastModified)
        .containsExactly(
            tuple("p1/payload/a/n1", longAgo),
            tuple(
                "p1/payload/a/n2",
                Files.getLastModifiedTime(fileOf("p1/payload/a/n2")).toInstant()));
  }

  @Test
  void theBlobDirectoryIsOpenToItsOwnerOnly() throws IOException {
    if (Files.getFileStore(dataDirectory).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blobs())))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void blobsWrittenBeforeARotationStillReadAndNewOnesUseTheNewKey() {
    store.put("p1/parked/old", utf8("old"));
    String oldKey = keys.primaryKeyId();

    String newKey = keys.rotate();
    store.put("p1/parked/new", utf8("new"));

    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(headerKeyId("p1/parked/old")).isEqualTo(oldKey);
    assertThat(headerKeyId("p1/parked/new")).isEqualTo(newKey);
    store = open();
    assertThat(store.get("p1/parked/old"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("old")));
    assertThat(store.get("p1/parked/new"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("new")));
  }

  @Test
  void afterReencryptionTheOldKeyFileCanBeDeleted() throws IOException {
    store.put("p1/parked/a", utf8("a"));
    store.put("p1/payloads/b", utf8("b"));
    String oldKey = keys.primaryKeyId();
    keys.rotate();

    assertThat(local().reencrypt()).isEqualTo(2);

    Files.delete(LocalKeyProvider.directory(dataDirectory).resolve(oldKey));
    store = open();
    assertThat(store.get("p1/parked/a"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("a")));
    assertThat(store.get("p1/payloads/b"))
        .hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("b")));
  }

  @Test
  void aMissingKeyFileIsAConfigurationErrorNamingTheKeyAndTheFile() throws IOException {
    store.put("p1/parked/a", utf8("a"));
    String oldKey = keys.primaryKeyId();
    keys.rotate();
    Path oldKeyFile = LocalKeyProvider.directory(dataDirectory).resolve(oldKey);
    Files.delete(oldKeyFile);

    store = open();

    assertThatThrownBy(() -> store.get("p1/parked/a"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(oldKey)
        .hasMessageContaining(oldKeyFile.toString())
        .hasMessageContaining("restore");
  }

  @Test
  void aKeyFileReplacedByAnotherKeyIsReportedNotDecryptedToGarbage() throws IOException {
    store.put("p1/parked/a", utf8("a"));
    Path keyFile = LocalKeyProvider.directory(dataDirectory).resolve(keys.primaryKeyId());
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    Files.write(keyFile, other);

    store = open();

    assertThatThrownBy(() -> store.get("p1/parked/a"))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining(keyFile.toString());
  }

  @Test
  void aHeaderNamingAKeyOutsideTheKeyDirectoryIsRefused() throws IOException {
    store.put("p1/parked/a", utf8("a"));
    byte[] stored = storedBytes("p1/parked/a").orElseThrow();
    String id = keys.primaryKeyId();
    String escaping = "../" + ".".repeat(id.length() - 3);
    byte[] tampered = stored.clone();
    System.arraycopy(escaping.getBytes(StandardCharsets.US_ASCII), 0, tampered, 7, id.length());
    writeStoredBytes("p1/parked/a", tampered);

    assertThatThrownBy(() -> store.get("p1/parked/a"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not one of the local key provider's");
    assertThat(Arrays.equals(storedBytes("p1/parked/a").orElseThrow(), tampered)).isTrue();
  }
}
