package io.dataexport.blob.s3;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.error.Problem;
import io.dataexport.store.blob.BlobSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code s3} blob store type ({@link S3BlobStore}): Amazon S3 or an S3-compatible server,
 * shared by every node of a cluster. Found with {@link java.util.ServiceLoader}. Settings ({@code
 * blobs.}…): {@code bucket} (required), {@code region} (required for Amazon S3, default {@code
 * us-east-1} with an endpoint), {@code endpoint}, {@code accessKey} + {@code secretKey} (else the
 * AWS SDK's default credentials), {@code pathStyle} (default true with an endpoint, false without),
 * {@code prefix}.
 */
public final class S3BlobStoreProvider implements BlobStoreProvider {
  /** The {@code blobs.type} of this store. */
  public static final String TYPE = "s3";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    BlobSettings read = new BlobSettings(TYPE, settings, S3Settings.KEYS);
    S3Settings.read(read);
    return read.problems();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Connects to check that the credentials work and the bucket exists; the data directory is not
   * used.
   *
   * @throws io.dataexport.api.error.UnavailableException when the service cannot be reached now
   */
  @Override
  public BlobStore open(Map<String, String> settings, KeyProvider keys, Path dataDirectory) {
    Objects.requireNonNull(keys, "keys");
    BlobSettings read = new BlobSettings(TYPE, settings, S3Settings.KEYS);
    S3Settings s3 = S3Settings.read(read);
    read.requireUsable();
    return S3BlobStore.open(s3, keys);
  }
}
