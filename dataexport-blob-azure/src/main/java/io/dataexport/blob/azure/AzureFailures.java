package io.dataexport.blob.azure;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns the Azure SDK's failures into the service's: the service unreachable (connections refused,
 * timing out) is {@link UnavailableException}; server errors, throttling and conflicts {@link
 * RetriableException}; a refused key, missing permissions, a disabled account or a container
 * deleted under the store {@link ConfigurationException} saying which setting to fix. The SDK has
 * already retried what it retries by itself. Messages say what was being done and where, never a
 * credential.
 */
final class AzureFailures {
  private final AzureSettings settings;

  AzureFailures(AzureSettings settings) {
    this.settings = settings;
  }

  /**
   * The service's exception for a failure of the SDK, or the failure itself when it is neither a
   * storage answer nor a network failure (a bug, which retrying would not cure).
   *
   * @param doing what was being done, e.g. {@code "write http://…/container/p1/a.blob"}
   */
  RuntimeException map(String doing, RuntimeException failure) {
    if (failure instanceof DataExportException mapped) {
      return mapped;
    }
    if (failure instanceof BlobStorageException answered) {
      return mapAnswer(doing, answered);
    }
    if (hasCause(failure, IOException.class) || hasCause(failure, TimeoutException.class)) {
      return new UnavailableException(
          "Cannot "
              + doing
              + ": Azure Blob Storage cannot be reached ("
              + failure.getMessage()
              + "). Check that it runs and that the endpoint"
              + (settings.connectionString() == null
                  ? " (blobs.endpoint)"
                  : " in blobs.connectionString")
              + " is right.",
          failure);
    }
    return failure;
  }

  DataExportException mapAnswer(String doing, BlobStorageException failure) {
    int status = failure.getStatusCode();
    BlobErrorCode code = failure.getErrorCode();
    // On a 403 the SDK puts its own hint about signatures where the service's message goes.
    String detail =
        status == 403 || failure.getServiceMessage() == null
            ? ""
            : " (" + firstLine(failure.getServiceMessage()) + ")";
    String cannot =
        "Cannot "
            + doing
            + ": Azure Blob Storage answered "
            + status
            + (code == null ? "" : " " + code)
            + detail;
    String key =
        settings.connectionString() == null
            ? "blobs.accountKey (and blobs.accountName)"
            : "the AccountKey in blobs.connectionString";
    if (BlobErrorCode.AUTHENTICATION_FAILED.equals(code)
        || BlobErrorCode.INVALID_AUTHENTICATION_INFO.equals(code)) {
      return new ConfigurationException(
          cannot + ". The account key was refused: correct " + key + ".", failure);
    }
    if (BlobErrorCode.AUTHORIZATION_FAILURE.equals(code)) {
      // What a wrong key gets from some services (Azurite), and a request from outside the
      // account's network rules from Azure.
      return new ConfigurationException(
          cannot
              + ". The request was not authorised: correct "
              + key
              + ", and check the storage account's network rules allow this machine.",
          failure);
    }
    if (status == 403) {
      return new ConfigurationException(
          cannot
              + ". The credentials may not use the "
              + settings.describeContainer()
              + ": give them read, write, delete, list and create rights on it.",
          failure);
    }
    if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
      return new ConfigurationException(
          cannot
              + ". The "
              + settings.describeContainer()
              + " was deleted after the store opened: restart the service to create it again,"
              + " or correct blobs.container.",
          failure);
    }
    if (status >= 500 || status == 408 || status == 409 || status == 429) {
      return new RetriableException(cannot + ". Trying again later.", failure);
    }
    return new ConfigurationException(
        cannot + ". Check the blobs.* settings against the storage account.", failure);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
