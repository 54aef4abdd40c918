package io.dataexport.store.blob;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.store.io.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link BlobStore}: one file per blob under {@code <data directory>/blobs/} (a
 * directory only the service's user may open), envelope-encrypted as {@link BlobEnvelope}
 * describes, the data keys wrapped by a {@link KeyProvider}. Key {@code p1/parked/n42} is the file
 * {@code blobs/p1/parked/n42.blob}.
 *
 * <p>The plaintext never touches the disk: it is encrypted in memory and only the sealed bytes are
 * written (through a temporary file, forced, renamed atomically and the directory forced, so {@link
 * #put} is durable on return and a reader sees the old or the new blob, never a mixture). {@link
 * #delete} and {@link #deleteAll} remove the files, any temporary file a crash left, and the
 * directories they leave empty, and force the directory so the removal survives a crash. What a
 * file system may keep of removed files in free blocks is ciphertext whose data key is wrapped
 * under a key-encryption key; destroying that key (after a rotation and {@link #reencrypt()}) makes
 * even such remnants unreadable.
 *
 * <p>Thread-safe ({@link BlobFiles} says how). Storage failures throw {@link RetriableException}.
 */
public final class LocalBlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(LocalBlobStore.class);

  private final BlobPaths paths;
  private final BlobFiles files;
  private final KeyProvider keys;
  private final BlobEnvelope envelope;

  private LocalBlobStore(Path root, KeyProvider keys) {
    this.paths = new BlobPaths(root);
    this.files = new BlobFiles(paths);
    this.keys = keys;
    this.envelope = new BlobEnvelope(keys);
  }

  /**
   * Opens the blob store of a data directory, creating {@code blobs/} on first use.
   *
   * @param keys the key provider that wraps the data keys, e.g. {@link LocalKeyProvider}
   * @throws RetriableException when the directory cannot be created now
   */
  public static LocalBlobStore open(Path dataDirectory, KeyProvider keys) {
    Objects.requireNonNull(keys, "keys");
    Path root = dataDirectory.resolve("blobs");
    try {
      PrivateFiles.createDirectory(root);
    } catch (IOException e) {
      throw new RetriableException("Cannot create the blob directory " + root + ": " + e, e);
    }
    return new LocalBlobStore(root, keys);
  }

  @Override
  public void put(String key, byte[] data) {
    Path file = paths.file(key);
    byte[] sealed = envelope.seal(key, Objects.requireNonNull(data, "data"));
    try {
      files.write(key, file, sealed);
    } catch (IOException e) {
      throw new RetriableException("Cannot write the blob '" + key + "' to " + file + ": " + e, e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    Path file = paths.file(key);
    Optional<byte[]> stored;
    try {
      stored = files.read(file);
    } catch (IOException e) {
      throw new RetriableException("Cannot read the blob '" + key + "' from " + file + ": " + e, e);
    }
    return stored.map(bytes -> envelope.open(key, bytes, describe(key, file)));
  }

  @Override
  public void delete(String key) {
    Path file = paths.file(key);
    try {
      files.delete(key, file);
    } catch (IOException e) {
      throw new RetriableException("Cannot delete the blob '" + key + "' at " + file + ": " + e, e);
    }
  }

  @Override
  public void deleteAll(String prefix) {
    try {
      files.deleteAll(prefix);
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot delete the blobs under '" + prefix + "' in " + paths.root() + ": " + e, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A blob's time is its file's last modification: a put writes a new file, so it is when the
   * blob was last put. Temporary files a crash left are not listed (nor are they blobs {@link #get}
   * finds); {@link #delete} of their key removes them.
   */
  @Override
  public List<StoredBlob> list(String prefix) {
    BlobKeyRules.requireListPrefix(prefix);
    try {
      return files.list(prefix);
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot list the blobs under '" + prefix + "' in " + paths.root() + ": " + e, e);
    }
  }

  /**
   * Re-encrypts every blob written under another key than the provider's primary, so that after a
   * rotation the old key can be removed. Blobs being written while the rotation happened may still
   * end under the old key: run this until it returns 0 before removing an old key file. A blob that
   * does not authenticate is left as it is (and logged); {@link #get} reports it.
   *
   * @return how many blobs were re-encrypted
   * @throws ConfigurationException when the key a blob was written under is missing
   * @throws RetriableException when the files cannot be read or written now
   */
  @Override
  public int reencrypt() {
    int[] count = {0};
    try {
      Files.walkFileTree(
          paths.root(),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Optional<String> key = paths.keyOf(file);
              if (file.getFileName().toString().endsWith(BlobPaths.SUFFIX)
                  && key.isPresent()
                  && files.locked(key.get(), file, f -> reencrypt(key.get(), f))) {
                count[0]++;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure)
                throws IOException {
              return BlobFiles.skipWhenGone(failure);
            }
          });
    } catch (IOException e) {
      throw new RetriableException("Cannot re-encrypt the blobs in " + paths.root() + ": " + e, e);
    }
    return count[0];
  }

  /** Re-encrypts one blob under the primary key; the caller holds the key's lock. */
  private boolean reencrypt(String key, Path file) throws IOException {
    Optional<byte[]> stored = files.read(file);
    if (stored.isEmpty()) {
      return false; // deleted meanwhile
    }
    String where = describe(key, file);
    try {
      if (BlobEnvelope.keyId(stored.get(), where).equals(keys.primaryKeyId())) {
        return false;
      }
      files.write(key, file, envelope.seal(key, envelope.open(key, stored.get(), where)));
      return true;
    } catch (BlobIntegrityException e) {
      LOG.warn("Not re-encrypting a blob that does not authenticate: {}", e.getMessage());
      return false;
    }
  }

  private static String describe(String key, Path file) {
    return "The blob '" + key + "' (" + file + ")";
  }
}
