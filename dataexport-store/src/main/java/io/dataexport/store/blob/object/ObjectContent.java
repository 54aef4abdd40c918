package io.dataexport.store.blob.object;

import java.util.Objects;

/**
 * An object's bytes with the version they were read at, so that a later write can be made
 * conditional on the object being unchanged ({@link ObjectStorage#replace}).
 *
 * @param bytes the object's content, as stored (sealed); not copied
 * @param version the service's version tag for that content (an ETag)
 */
public record ObjectContent(byte[] bytes, String version) {
  public ObjectContent {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(version, "version");
  }
}
