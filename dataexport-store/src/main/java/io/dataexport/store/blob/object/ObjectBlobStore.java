package io.dataexport.store.blob.object;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.store.blob.BlobEnvelope;
import io.dataexport.store.blob.BlobKeyRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} keeping each blob as one object of an {@link ObjectStorage}, named by {@link
 * ObjectNames} and sealed by {@link BlobEnvelope} before it leaves the service, so the storage
 * service only ever holds ciphertext. Keys are checked by {@link BlobKeyRules} exactly as the local
 * store checks them.
 *
 * <p>A put is one object write (atomic and durable on the services this serves: a reader sees the
 * old or the new blob). {@link #deleteAll} and {@link #list} page through the listing of the
 * prefix's objects, deleting page by page, so their memory does not grow with the number of blobs
 * (except what {@link #list} returns). Thread-safe when the storage is.
 */
public class ObjectBlobStore implements BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectBlobStore.class);

  private final ObjectStorage storage;
  private final ObjectNames names;
  private final KeyProvider keys;
  private final BlobEnvelope envelope;

  /**
   * A store over storage.
   *
   * @param names how keys become object names (the store's prefix)
   * @param keys the key provider that wraps the data keys
   */
  public ObjectBlobStore(ObjectStorage storage, ObjectNames names, KeyProvider keys) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.names = Objects.requireNonNull(names, "names");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.envelope = new BlobEnvelope(keys);
  }

  @Override
  public void put(String key, byte[] data) {
    String name = names.nameOf(BlobKeyRules.requireKey(key));
    storage.write(name, envelope.seal(key, Objects.requireNonNull(data, "data")));
  }

  @Override
  public Optional<byte[]> get(String key) {
    String name = names.nameOf(BlobKeyRules.requireKey(key));
    return storage
        .read(name)
        .map(stored -> envelope.open(key, stored.bytes(), describe(key, name)));
  }

  @Override
  public void delete(String key) {
    storage.delete(names.nameOf(BlobKeyRules.requireKey(key)));
  }

  @Override
  public void deleteAll(String prefix) {
    BlobKeyRules.requireDeletePrefix(prefix);
    storage.list(
        names.namePrefixOf(prefix),
        page -> {
          List<String> doomed =
              page.stream()
                  .map(ObjectEntry::name)
                  .filter(name -> isBlobUnder(name, prefix))
                  .toList();
          if (!doomed.isEmpty()) {
            storage.deleteAll(doomed);
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>A blob's time is its object's last-modified time as the service reports it (S3 and Azure
   * keep seconds at least). Objects under the store's prefix that are not blobs (another name form)
   * are not listed.
   */
  @Override
  public List<StoredBlob> list(String prefix) {
    BlobKeyRules.requireListPrefix(prefix);
    List<StoredBlob> blobs = new ArrayList<>();
    storage.list(
        names.namePrefixOf(prefix),
        page -> {
          for (ObjectEntry entry : page) {
            names
                .keyOf(entry.name())
                .filter(key -> key.startsWith(prefix))
                .ifPresent(key -> blobs.add(new StoredBlob(key, entry.lastModified())));
          }
        });
    blobs.sort(Comparator.comparing(StoredBlob::key));
    return blobs;
  }

  /**
   * Re-encrypts every blob written under another key than the provider's primary, so that after a
   * rotation the old key can be removed. Each blob is replaced only if it is still the version that
   * was read (a conditional write), so a blob put or deleted meanwhile is never overwritten with
   * older data or brought back; it is skipped and not counted. Run this until it returns 0 before
   * removing an old key. A blob that does not authenticate is left as it is (and logged); {@link
   * #get} reports it.
   *
   * @return how many blobs were re-encrypted
   * @throws ConfigurationException when the key a blob was written under is missing
   * @throws RetriableException when the storage cannot be read or written now
   */
  @Override
  public int reencrypt() {
    int[] count = {0};
    storage.list(
        names.prefix(),
        page -> {
          for (ObjectEntry entry : page) {
            Optional<String> key = names.keyOf(entry.name());
            if (key.isPresent() && reencrypt(key.get(), entry.name())) {
              count[0]++;
            }
          }
        });
    return count[0];
  }

  private boolean reencrypt(String key, String name) {
    Optional<ObjectContent> stored = storage.read(name);
    if (stored.isEmpty()) {
      return false; // deleted meanwhile
    }
    String where = describe(key, name);
    try {
      byte[] sealed = stored.get().bytes();
      if (BlobEnvelope.keyId(sealed, where).equals(keys.primaryKeyId())) {
        return false;
      }
      byte[] resealed = envelope.seal(key, envelope.open(key, sealed, where));
      return storage.replace(name, resealed, stored.get().version());
    } catch (BlobIntegrityException e) {
      LOG.warn("Not re-encrypting a blob that does not authenticate: {}", e.getMessage());
      return false;
    }
  }

  private boolean isBlobUnder(String name, String prefix) {
    return names.keyOf(name).filter(key -> key.startsWith(prefix)).isPresent();
  }

  private String describe(String key, String name) {
    return "The blob '" + key + "' (" + storage.locationOf(name) + ")";
  }
}
