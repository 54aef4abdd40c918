package io.dataexport.blob.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.store.blob.object.ObjectBlobStore;
import java.time.Duration;

/**
 * The {@code azure} blob store: each blob one block blob of an Azure Blob Storage container, named
 * {@code [prefix/]<key>.blob} and envelope-encrypted on this side before it is sent (see {@link
 * ObjectBlobStore}), so the storage account, its operators and its backups only ever hold
 * ciphertext; the data keys are wrapped by the {@link KeyProvider}. Every node of a cluster opens
 * the same container with the same keys.
 *
 * <p><b>{@link #open} creates the container when it does not exist</b> (private, no public access),
 * so the credentials need the right to create it unless it is made beforehand. A put is one Put
 * Blob, which Azure has committed durably when it answers; re-encryption replaces blobs with
 * conditional writes ({@code If-Match}). The SDK tries a failed request up to 3 times within a few
 * seconds; longer outages are the service's retry loops' business. Failures are mapped as {@code
 * AzureFailures} describes. Thread-safe.
 */
public final class AzureBlobStore extends ObjectBlobStore {
  private static final RequestRetryOptions RETRIES =
      new RequestRetryOptions(
          RetryPolicyType.EXPONENTIAL,
          3,
          Duration.ofSeconds(60),
          Duration.ofMillis(500),
          Duration.ofSeconds(5),
          null);

  private AzureBlobStore(AzureObjects objects, AzureSettings settings, KeyProvider keys) {
    super(objects, settings.names(), keys);
  }

  /**
   * Connects to the container, creating it when it does not exist.
   *
   * @throws ConfigurationException when the credentials are refused or may not use the container
   * @throws io.dataexport.api.error.UnavailableException when the service cannot be reached now
   */
  public static AzureBlobStore open(AzureSettings settings, KeyProvider keys) {
    return open(settings, keys, AzureObjects.MAX_PAGE);
  }

  /** As {@link #open(AzureSettings, KeyProvider)}, listing pageSize blobs a request (tests). */
  static AzureBlobStore open(AzureSettings settings, KeyProvider keys, int pageSize) {
    BlobContainerClient container = service(settings).getBlobContainerClient(settings.container());
    AzureObjects objects = new AzureObjects(container, settings, pageSize);
    objects.createContainerIfMissing();
    return new AzureBlobStore(objects, settings, keys);
  }

  private static BlobServiceClient service(AzureSettings settings) {
    BlobServiceClientBuilder builder = new BlobServiceClientBuilder().retryOptions(RETRIES);
    try {
      if (settings.connectionString() != null) {
        builder.connectionString(settings.connectionString().reveal());
      } else {
        builder
            .endpoint(settings.endpoint().toString())
            .credential(
                new StorageSharedKeyCredential(
                    settings.accountName(), settings.accountKey().reveal().trim()));
      }
      return builder.buildClient();
    } catch (IllegalArgumentException e) {
      // The SDK's message may quote the connection string: do not pass it on.
      throw new ConfigurationException(
          "Azure Blob Storage does not accept the "
              + (settings.connectionString() == null
                  ? "blobs.endpoint, blobs.accountName and blobs.accountKey"
                  : "blobs.connectionString")
              + " given: copy them again from the storage account's 'Access keys'.");
    }
  }
}
