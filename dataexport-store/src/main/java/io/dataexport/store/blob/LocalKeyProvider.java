package io.dataexport.store.blob;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.WrappedKey;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.store.io.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link KeyProvider}: key-encryption keys in files under {@code <data
 * directory>/keys/blob-keys/}, one file per key named by its id ({@code kek-<UTC time to the
 * microsecond>-<random>}, so ids sort by age), each 32 random bytes and readable by the service's
 * user only. The file {@code primary} holds the id of the key new blobs are wrapped under.
 *
 * <p>Data keys are wrapped as {@link AesKeyWrap} describes, so a changed wrapped key or a different
 * key file is detected. {@link #openKeyDirectory} keeps the keys in another directory, such as one
 * that every node of a cluster mounts.
 *
 * <p>{@link #rotate()} makes a new primary and keeps the old keys, so blobs written under them stay
 * readable. An old key file may be deleted once no blob written under it remains ({@link
 * LocalBlobStore#reencrypt()} moves the remaining ones to the primary). Losing a key file makes the
 * blobs under it unreadable: back the directory up with the data directory.
 *
 * <p>Thread-safe.
 */
public final class LocalKeyProvider implements KeyProvider {
  static final String PRIMARY_FILE = "primary";
  private static final Logger LOG = LoggerFactory.getLogger(LocalKeyProvider.class);
  // Only letters, digits and dashes: an id from a blob's header becomes a file name, so it must not
  // be able to name anything outside the key directory (no dots, no slashes).
  private static final Pattern KEY_ID = Pattern.compile("kek-[A-Za-z0-9-]{1,100}");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
  private volatile String primaryId;

  private LocalKeyProvider(Path directory) {
    this.directory = directory;
  }

  /** Where the keys of a data directory are kept. */
  public static Path directory(Path dataDirectory) {
    return dataDirectory.resolve("keys").resolve("blob-keys");
  }

  /**
   * Opens the keys of a data directory, creating the directory and a first primary key on first
   * use.
   *
   * @throws ConfigurationException when the primary key file is missing or corrupt, or the primary
   *     pointer does not hold a key id
   * @throws RetriableException when the files cannot be read or written now
   */
  public static LocalKeyProvider open(Path dataDirectory) {
    Path keysDirectory = dataDirectory.resolve("keys");
    try {
      PrivateFiles.createDirectory(keysDirectory);
    } catch (IOException e) {
      throw new RetriableException(
          "Cannot create the key directory " + keysDirectory + ": " + e, e);
    }
    return openKeyDirectory(directory(dataDirectory));
  }

  /**
   * Opens the keys in a directory of their own (for instance a volume every node of a cluster
   * mounts), creating it, owner-only, and a first primary key on first use. An existing directory
   * keeps its permissions.
   *
   * @throws ConfigurationException when the primary key file is missing or corrupt, or the primary
   *     pointer does not hold a key id
   * @throws RetriableException when the files cannot be read or written now
   */
  public static LocalKeyProvider openKeyDirectory(Path keyDirectory) {
    LocalKeyProvider provider = new LocalKeyProvider(keyDirectory);
    try {
      PrivateFiles.createDirectory(keyDirectory);
      provider.openPrimary();
    } catch (IOException e) {
      throw new RetriableException("Cannot open the blob keys in " + keyDirectory + ": " + e, e);
    }
    return provider;
  }

  private void openPrimary() throws IOException {
    Path pointer = directory.resolve(PRIMARY_FILE);
    if (Files.exists(pointer)) {
      String id = Files.readString(pointer, StandardCharsets.UTF_8).strip();
      if (!KEY_ID.matcher(id).matches()) {
        throw new ConfigurationException(
            "The file "
                + pointer
                + " should hold the id of the primary blob key (kek-…), but holds '"
                + id
                + "'. Write the id of the newest key file in "
                + directory
                + " into it.");
      }
      key(id);
      primaryId = id;
      return;
    }
    String newest;
    try (Stream<Path> files = Files.list(directory)) {
      newest =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> KEY_ID.matcher(name).matches())
              .max(String::compareTo)
              .orElse(null);
    }
    if (newest == null) {
      rotate();
    } else {
      // A crash between creating the first key and writing the pointer leaves exactly this state;
      // any existing key may wrap new blobs, so take the newest rather than refuse to start.
      LOG.warn("The blob key pointer {} is missing; making {} the primary key.", pointer, newest);
      key(newest);
      writePointer(newest);
      primaryId = newest;
    }
  }

  /**
   * Creates a new key and makes it the primary: blobs written from now on are wrapped under it. The
   * old keys stay, so blobs written under them remain readable.
   *
   * @return the new key's id
   * @throws RetriableException when the key files cannot be written now
   */
  public synchronized String rotate() {
    byte[] material = new byte[AesKeyWrap.KEY_BYTES];
    random.nextBytes(material);
    try {
      String id = newId();
      while (Files.exists(directory.resolve(id))) {
        id = newId();
      }
      // The key is durable before the pointer names it, so a crash never leaves a dangling primary.
      PrivateFiles.write(directory.resolve(id), material);
      writePointer(id);
      keys.put(id, new SecretKeySpec(material, "AES"));
      primaryId = id;
      LOG.info(
          "Blob key {} in {} is now the primary; back the directory up with the data directory.",
          id,
          directory);
      return id;
    } catch (IOException e) {
      throw new RetriableException("Cannot create a new blob key in " + directory + ": " + e, e);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  @Override
  public String primaryKeyId() {
    return primaryId;
  }

  @Override
  public WrappedKey wrap(byte[] dataKey) {
    String id = primaryId;
    return AesKeyWrap.wrap(id, key(id), dataKey);
  }

  /**
   * {@inheritDoc}
   *
   * @throws BlobIntegrityException when the wrapped bytes were changed or the key file no longer
   *     holds the key they were wrapped with
   */
  @Override
  public byte[] unwrap(WrappedKey wrappedKey) {
    String id = wrappedKey.keyId();
    return AesKeyWrap.unwrap(
        key(id),
        wrappedKey,
        () ->
            "A data key wrapped under blob key '"
                + id
                + "' does not unwrap with the key in "
                + directory.resolve(id)
                + ": the wrapped key was changed, or that file no longer holds the key it was"
                + " written with (restore it from the backup of the data directory).");
  }

  private SecretKey key(String id) {
    SecretKey cached = keys.get(id);
    if (cached != null) {
      return cached;
    }
    // Not cached when missing: an administrator may restore the file while the service runs.
    SecretKey loaded = load(id);
    keys.putIfAbsent(id, loaded);
    return loaded;
  }

  private SecretKey load(String id) {
    if (!KEY_ID.matcher(id).matches()) {
      throw new ConfigurationException(
          "The blob key id '"
              + id
              + "' is not one of the local key provider's (kek-…): the blob was written with"
              + " another key provider. Configure that provider to read it.");
    }
    Path file = directory.resolve(id);
    try {
      if (!Files.exists(file)) {
        throw new ConfigurationException(
            "The blob key '"
                + id
                + "' is missing: "
                + file
                + " does not exist. Blobs written under it cannot be read; restore the file from"
                + " the backup of the data directory.");
      }
      byte[] material = Files.readAllBytes(file);
      if (material.length != AesKeyWrap.KEY_BYTES) {
        throw new ConfigurationException(
            "The blob key file "
                + file
                + " holds "
                + material.length
                + " bytes, but a key is "
                + AesKeyWrap.KEY_BYTES
                + " random bytes. Restore the right file from the backup of the data directory.");
      }
      if (PrivateFiles.accessibleByOthers(file)) {
        LOG.warn(
            "The blob key file {} is readable by other users; restrict it with 'chmod 600 {}'.",
            file,
            file);
      }
      SecretKey key = new SecretKeySpec(material, "AES");
      Arrays.fill(material, (byte) 0);
      return key;
    } catch (IOException e) {
      throw new RetriableException("Cannot read the blob key file " + file + ": " + e, e);
    }
  }

  private void writePointer(String id) throws IOException {
    PrivateFiles.write(
        directory.resolve(PRIMARY_FILE), (id + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private String newId() {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    return "kek-" + ID_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(suffix);
  }
}
