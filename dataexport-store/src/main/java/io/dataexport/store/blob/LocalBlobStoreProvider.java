package io.dataexport.store.blob;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code local} blob store type ({@link LocalBlobStore}): files under {@code <data
 * directory>/blobs}, nothing to configure, so any setting besides {@code type} is a problem. Found
 * with {@link java.util.ServiceLoader}. Only for a single node: the other nodes of a cluster cannot
 * read another node's directory.
 */
public final class LocalBlobStoreProvider implements BlobStoreProvider {
  /** The {@code blobs.type} of this store. */
  public static final String TYPE = "local";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    return new BlobSettings(TYPE, settings, Set.of()).problems();
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.dataexport.api.error.RetriableException when the blob directory cannot be created
   *     now
   */
  @Override
  public BlobStore open(Map<String, String> settings, KeyProvider keys, Path dataDirectory) {
    new BlobSettings(TYPE, settings, Set.of()).requireUsable();
    return LocalBlobStore.open(dataDirectory, keys);
  }
}
