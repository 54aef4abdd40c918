package io.dataexport.server.config;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.error.Problem;
import io.dataexport.store.blob.LocalBlobStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code blobs.type local} when no installed provider serves it: {@link LocalBlobStore} under
 * {@code <data>/blobs}, which takes no settings. Not registered with {@link
 * java.util.ServiceLoader}: {@link InstalledPlugins} uses it only in place of a missing {@code
 * local} provider.
 */
final class LocalBlobStoreFallback implements BlobStoreProvider {
  @Override
  public String type() {
    return BlobsConfig.LOCAL;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    return settings.keySet().stream()
        .map(
            key ->
                new Problem(
                    ConfigKeys.BLOBS + key,
                    null,
                    "is not a setting of blobs.type local, which keeps the blobs under the data"
                        + " directory and takes no settings. Remove it."))
        .toList();
  }

  @Override
  public BlobStore open(Map<String, String> settings, KeyProvider keys, Path dataDirectory) {
    return LocalBlobStore.open(dataDirectory, keys);
  }
}
