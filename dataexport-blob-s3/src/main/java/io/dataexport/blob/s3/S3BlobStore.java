package io.dataexport.blob.s3;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.store.blob.object.ObjectBlobStore;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The {@code s3} blob store: each blob one object of an Amazon S3 or S3-compatible bucket, named
 * {@code [prefix/]<key>.blob} and envelope-encrypted on this side before it is sent (see {@link
 * ObjectBlobStore}), so the service, its operators and its backups only ever hold ciphertext; the
 * data keys are wrapped by the {@link KeyProvider}. Every node of a cluster opens the same bucket
 * with the same keys.
 *
 * <p>A put is one PutObject, which S3 has stored durably when it answers; re-encryption replaces
 * objects with conditional writes ({@code If-Match}), which Amazon S3 and most compatible servers
 * implement (a server that does not makes {@link #reencrypt()} fail with a {@link
 * ConfigurationException}). The SDK's transport checksums are sent only where S3 requires them: the
 * envelope's authentication tag already detects any change end to end, and compatible servers vary
 * in which checksums they take.
 *
 * <p>The bucket must exist: {@link #open} checks it and the credentials, and says what to fix.
 * Failures are mapped as {@code S3Failures} describes. Thread-safe; {@link #close()} releases the
 * HTTP connections.
 */
public final class S3BlobStore extends ObjectBlobStore implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private final S3Client client;

  private S3BlobStore(S3Client client, S3Objects objects, S3Settings settings, KeyProvider keys) {
    super(objects, settings.names(), keys);
    this.client = client;
  }

  /**
   * Connects to the bucket, checking that it exists and that the credentials may use it.
   *
   * @throws ConfigurationException when no credentials are found, the bucket does not exist or the
   *     credentials are refused
   * @throws io.dataexport.api.error.UnavailableException when the service cannot be reached now
   */
  public static S3BlobStore open(S3Settings settings, KeyProvider keys) {
    return open(settings, keys, S3Objects.MAX_PAGE);
  }

  /** As {@link #open(S3Settings, KeyProvider)}, listing pageSize objects a request (tests). */
  static S3BlobStore open(S3Settings settings, KeyProvider keys, int pageSize) {
    S3Client client = client(settings);
    try {
      S3Objects objects = new S3Objects(client, settings, pageSize);
      objects.checkBucket();
      return new S3BlobStore(client, objects, settings, keys);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private static S3Client client(S3Settings settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials(settings))
            .forcePathStyle(settings.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(override -> override.retryStrategy(RetryMode.STANDARD))
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    if (settings.hasCredentials()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKey(), settings.secretKey().reveal()));
    }
    DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
    try {
      chain.resolveCredentials();
    } catch (SdkClientException e) {
      chain.close();
      throw new ConfigurationException(
          "No credentials for the "
              + settings.describeBucket()
              + ": set blobs.accessKey and blobs.secretKey, or provide credentials the AWS SDK's"
              + " default way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile in"
              + " ~/.aws/credentials, an instance or container role). "
              + e.getMessage(),
          e);
    }
    return chain;
  }
}
