package io.dataexport.api.blob;

import java.time.Instant;
import java.util.Objects;

/**
 * A blob as {@link BlobStore#list} reports it, without its data.
 *
 * @param key the blob's key
 * @param lastModified when the blob was last written ({@link BlobStore#put}); as precise as the
 *     storage keeps it (a file system may round to the second)
 */
public record StoredBlob(String key, Instant lastModified) {
  public StoredBlob {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
