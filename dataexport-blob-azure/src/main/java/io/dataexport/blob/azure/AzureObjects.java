package io.dataexport.blob.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import io.dataexport.store.blob.object.ObjectContent;
import io.dataexport.store.blob.object.ObjectEntry;
import io.dataexport.store.blob.object.ObjectStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The blobs of one Azure container through the Azure SDK, failures mapped by {@link AzureFailures}.
 * Each write is one Put Blob of a block blob (committed durably before the service answers); {@link
 * #replace} is a Put Blob with {@code If-Match}; {@link #deleteAll} is a blob batch of at most 256
 * deletes a request.
 */
final class AzureObjects implements ObjectStorage {
  /** The most blobs one listing page returns here. */
  static final int MAX_PAGE = 1000;

  private final BlobContainerClient container;
  private final AzureFailures failures;
  private final int pageSize;

  AzureObjects(BlobContainerClient container, AzureSettings settings, int pageSize) {
    this.container = container;
    this.failures = new AzureFailures(settings);
    this.pageSize = pageSize;
  }

  /**
   * Creates the container when it does not exist, which also proves the credentials.
   *
   * @throws io.dataexport.api.error.ConfigurationException when the credentials are refused
   */
  void createContainerIfMissing() {
    try {
      container.createIfNotExists();
    } catch (RuntimeException e) {
      throw failures.map("open " + container.getBlobContainerUrl(), e);
    }
  }

  @Override
  public String locationOf(String name) {
    return container.getBlobContainerUrl() + "/" + name;
  }

  @Override
  public void write(String name, byte[] content) {
    try {
      blob(name).getBlockBlobClient().upload(BinaryData.fromBytes(content), true);
    } catch (RuntimeException e) {
      throw failures.map("write " + locationOf(name), e);
    }
  }

  @Override
  public boolean replace(String name, byte[] content, String version) {
    BlockBlobSimpleUploadOptions upload =
        new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(content))
            .setRequestConditions(new BlobRequestConditions().setIfMatch(version));
    try {
      blob(name).getBlockBlobClient().uploadWithResponse(upload, null, Context.NONE);
      return true;
    } catch (BlobStorageException e) {
      // 412: changed since; 404: deleted since (an If-Match on a missing blob).
      if (e.getStatusCode() == 412 || BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return false;
      }
      throw failures.map("replace " + locationOf(name), e);
    } catch (RuntimeException e) {
      throw failures.map("replace " + locationOf(name), e);
    }
  }

  @Override
  public Optional<ObjectContent> read(String name) {
    try {
      BlobDownloadContentResponse response =
          blob(name).downloadContentWithResponse(null, null, null, Context.NONE);
      return Optional.of(
          new ObjectContent(
              response.getValue().toBytes(), response.getDeserializedHeaders().getETag()));
    } catch (BlobStorageException e) {
      if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw failures.map("read " + locationOf(name), e);
    } catch (RuntimeException e) {
      throw failures.map("read " + locationOf(name), e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      blob(name).deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
    } catch (BlobStorageException e) {
      if (!BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
        throw failures.map("delete " + locationOf(name), e);
      }
    } catch (RuntimeException e) {
      throw failures.map("delete " + locationOf(name), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>One Delete Blob per name: Azurite, the emulator this store is tested against, does not serve
   * the SDK's blob batches, and a path the tests cannot run is not shipped.
   */
  @Override
  public void deleteAll(List<String> names) {
    names.forEach(this::delete);
  }

  @Override
  public void list(String namePrefix, Consumer<List<ObjectEntry>> page) {
    ListBlobsOptions options =
        new ListBlobsOptions().setPrefix(namePrefix).setMaxResultsPerPage(pageSize);
    try {
      for (PagedResponse<BlobItem> listed : container.listBlobs(options, null).iterableByPage()) {
        List<ObjectEntry> entries = new ArrayList<>(listed.getValue().size());
        for (BlobItem item : listed.getValue()) {
          entries.add(
              new ObjectEntry(item.getName(), item.getProperties().getLastModified().toInstant()));
        }
        page.accept(entries);
      }
    } catch (RuntimeException e) {
      throw failures.map("list " + locationOf(namePrefix) + "*", e);
    }
  }

  private BlobClient blob(String name) {
    return container.getBlobClient(name);
  }
}
