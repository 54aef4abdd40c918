package io.dataexport.blob.azure;

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
 * The {@code azure} blob store type ({@link AzureBlobStore}): a container of Azure Blob Storage,
 * shared by every node of a cluster. Found with {@link java.util.ServiceLoader}. Settings ({@code
 * blobs.}…): {@code connectionString}, or {@code accountName} + {@code accountKey} with an optional
 * {@code endpoint}; {@code container} (required, created when missing); {@code prefix}.
 */
public final class AzureBlobStoreProvider implements BlobStoreProvider {
  /** The {@code blobs.type} of this store. */
  public static final String TYPE = "azure";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<Problem> check(Map<String, String> settings) {
    BlobSettings read = new BlobSettings(TYPE, settings, AzureSettings.KEYS);
    AzureSettings.read(read);
    return read.problems();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Connects, creating the container when it does not exist (which also checks the credentials);
   * the data directory is not used.
   *
   * @throws io.dataexport.api.error.UnavailableException when the service cannot be reached now
   */
  @Override
  public BlobStore open(Map<String, String> settings, KeyProvider keys, Path dataDirectory) {
    Objects.requireNonNull(keys, "keys");
    BlobSettings read = new BlobSettings(TYPE, settings, AzureSettings.KEYS);
    AzureSettings azure = AzureSettings.read(read);
    read.requireUsable();
    return AzureBlobStore.open(azure, keys);
  }
}
