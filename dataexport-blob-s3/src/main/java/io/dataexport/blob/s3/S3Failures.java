package io.dataexport.blob.s3;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Turns the AWS SDK's failures into the service's: the service unreachable is {@link
 * UnavailableException}; server errors, throttling and conflicts {@link RetriableException};
 * refused credentials, a missing bucket, a wrong region and requests the server does not implement
 * {@link ConfigurationException} saying which setting to fix. The SDK has already retried what it
 * retries by itself. Messages say what was being done and where, never a credential.
 */
final class S3Failures {
  private final S3Settings settings;

  S3Failures(S3Settings settings) {
    this.settings = settings;
  }

  /**
   * The service's exception for a failure.
   *
   * @param doing what was being done, e.g. {@code "write s3://bucket/p1/a.blob"}
   */
  DataExportException map(String doing, SdkException failure) {
    if (failure instanceof SdkServiceException answered) {
      return mapAnswer(doing, answered);
    }
    String cannot = "Cannot " + doing + ": ";
    if (hasCause(failure, IOException.class)) {
      return new UnavailableException(
          cannot
              + "the S3 service at "
              + where()
              + " cannot be reached ("
              + failure.getMessage()
              + "). Check that it runs and that blobs.endpoint is right.",
          failure);
    }
    return new RetriableException(cannot + failure.getMessage(), failure);
  }

  private DataExportException mapAnswer(String doing, SdkServiceException failure) {
    int status = failure.statusCode();
    String code = errorCode(failure);
    String answer =
        "the S3 service answered "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (serviceMessage(failure).isEmpty() ? "" : " (" + serviceMessage(failure) + ")");
    String cannot = "Cannot " + doing + ": " + answer;
    return switch (code) {
      case "NoSuchBucket" -> noBucket(cannot, failure);
      case "SignatureDoesNotMatch" ->
          new ConfigurationException(
              cannot
                  + ". The secret key does not match the access key"
                  + accessKey()
                  + ": correct blobs.secretKey.",
              failure);
      case "InvalidAccessKeyId" ->
          new ConfigurationException(
              cannot + ". The access key" + accessKey() + " is not known: correct blobs.accessKey.",
              failure);
      case "RequestTimeTooSkewed" ->
          new ConfigurationException(
              cannot + ". This machine's clock is off: synchronise it (NTP).", failure);
      case "PermanentRedirect",
          "AuthorizationHeaderMalformed",
          "IllegalLocationConstraintException" ->
          new ConfigurationException(
              cannot
                  + ". The bucket is in another region than blobs.region '"
                  + settings.region()
                  + "': set blobs.region to the bucket's region.",
              failure);
      default -> byStatus(cannot, status, failure);
    };
  }

  private DataExportException byStatus(String cannot, int status, SdkServiceException failure) {
    if (status == 403) {
      return new ConfigurationException(
          cannot
              + ". The credentials"
              + accessKey()
              + " may not use "
              + settings.describeBucket()
              + ": allow them s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket on it,"
              + " or correct blobs.accessKey and blobs.secretKey.",
          failure);
    }
    if (status == 301 || status == 307) {
      return new ConfigurationException(
          cannot + ". Set blobs.region to the bucket's region, or correct blobs.endpoint.",
          failure);
    }
    if (failure.isThrottlingException() || status >= 500 && status != 501) {
      return new RetriableException(cannot + ". Trying again later.", failure);
    }
    if (status == 408 || status == 409 || status == 429) {
      return new RetriableException(cannot + ". Trying again later.", failure);
    }
    if (status == 501) {
      return new ConfigurationException(
          cannot
              + ". The server at "
              + where()
              + " does not implement this S3 request; use a server that does (Amazon S3,"
              + " MinIO, Ceph, S3Proxy…).",
          failure);
    }
    return new ConfigurationException(
        cannot + ". Check the blobs.* settings against the server at " + where() + ".", failure);
  }

  /** The failure of a DeleteObjects that could not delete some of its keys. */
  DataExportException notDeleted(String doing, List<S3Error> errors) {
    S3Error first = errors.get(0);
    String cannot =
        "Cannot "
            + doing
            + ": "
            + errors.size()
            + " were not deleted, the first '"
            + first.key()
            + "' with "
            + first.code()
            + " ("
            + first.message()
            + ")";
    if ("AccessDenied".equals(first.code())) {
      return new ConfigurationException(
          cannot
              + ". The credentials"
              + accessKey()
              + " may not delete in "
              + settings.describeBucket()
              + ": allow them s3:DeleteObject on it.",
          null);
    }
    return new RetriableException(cannot + ". Trying again later.", null);
  }

  private ConfigurationException noBucket(String cannot, SdkServiceException failure) {
    return new ConfigurationException(
        cannot
            + ". The "
            + settings.describeBucket()
            + " does not exist: create it, or correct blobs.bucket (and blobs.endpoint).",
        failure);
  }

  private String where() {
    return settings.endpoint() == null
        ? "Amazon S3 (" + settings.region() + ")"
        : settings.endpoint().toString();
  }

  private String accessKey() {
    return settings.hasCredentials() ? " '" + settings.accessKey() + "'" : " (SDK default chain)";
  }

  static String errorCode(SdkServiceException failure) {
    AwsErrorDetails details =
        failure instanceof AwsServiceException aws ? aws.awsErrorDetails() : null;
    return details == null || details.errorCode() == null ? "" : details.errorCode();
  }

  private static String serviceMessage(SdkServiceException failure) {
    AwsErrorDetails details =
        failure instanceof AwsServiceException aws ? aws.awsErrorDetails() : null;
    return details == null || details.errorMessage() == null ? "" : details.errorMessage();
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
