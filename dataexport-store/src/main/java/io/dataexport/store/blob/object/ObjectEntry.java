package io.dataexport.store.blob.object;

import java.time.Instant;
import java.util.Objects;

/**
 * An object as a listing reports it.
 *
 * @param name its full name in the bucket or container
 * @param lastModified when it was last written, as the service reports it
 */
public record ObjectEntry(String name, Instant lastModified) {
  public ObjectEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
