package io.dataexport.blob.s3;

import io.dataexport.api.profile.Secret;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.object.ObjectNames;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of the {@code s3} blob store, read from {@code blobs.*}.
 *
 * @param endpoint the service's URL for S3-compatible servers; null for Amazon S3 itself
 * @param region the signing region; {@code us-east-1} when only an endpoint is given
 * @param bucket the bucket, which must exist
 * @param accessKey with {@code secretKey} the credentials; null for the SDK's default chain
 * @param secretKey null exactly when accessKey is
 * @param pathStyle whether the bucket goes in the path ({@code endpoint/bucket/key}) rather than
 *     the host name; what most S3-compatible servers need
 * @param names how blob keys become object names (the optional {@code blobs.prefix})
 */
public record S3Settings(
    URI endpoint,
    String region,
    String bucket,
    String accessKey,
    Secret secretKey,
    boolean pathStyle,
    ObjectNames names) {
  /** Every setting the type reads. */
  public static final Set<String> KEYS =
      Set.of(
          "endpoint",
          "region",
          "bucket",
          "accessKey",
          "secretKey",
          "pathStyle",
          ObjectNames.PREFIX_SETTING);

  // Amazon's rules for bucket names (S3-compatible servers accept at least these).
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final String DEFAULT_REGION = "us-east-1";

  /**
   * Reads the settings, recording every problem in {@code settings}; the result is only meant to be
   * used when there is none.
   */
  public static S3Settings read(BlobSettings settings) {
    URI endpoint =
        settings.url("endpoint", "http://127.0.0.1:9000 or https://s3.example.com").orElse(null);
    boolean customEndpoint = settings.has("endpoint");
    String region = region(settings, customEndpoint);
    String bucket = bucket(settings);
    Optional<String> accessKey = settings.text("accessKey");
    Optional<Secret> secretKey = settings.secret("secretKey");
    if (accessKey.isPresent() && secretKey.isEmpty()) {
      settings.problem(
          "secretKey",
          null,
          "is required with blobs.accessKey '"
              + accessKey.get()
              + "': give the access key's secret, or leave both out to use the AWS SDK's default"
              + " credentials (environment, profile file, instance or container role).");
    }
    if (secretKey.isPresent() && accessKey.isEmpty()) {
      settings.problem(
          "accessKey",
          null,
          "is required with blobs.secretKey: give the access key id the secret belongs to, or"
              + " leave both out to use the AWS SDK's default credentials.");
    }
    boolean pathStyle = settings.flag("pathStyle", customEndpoint);
    ObjectNames names = ObjectNames.read(settings);
    return new S3Settings(
        endpoint, region, bucket, accessKey.orElse(null), secretKey.orElse(null), pathStyle, names);
  }

  /** Whether explicit credentials were given (else the SDK's default chain is used). */
  public boolean hasCredentials() {
    return accessKey != null;
  }

  /** Where the bucket is, for messages: its endpoint (or Amazon S3) and name. */
  public String describeBucket() {
    return "bucket '"
        + bucket
        + "' at "
        + (endpoint == null ? "Amazon S3 (" + region + ")" : endpoint);
  }

  private static String region(BlobSettings settings, boolean customEndpoint) {
    Optional<String> region =
        customEndpoint
            ? settings.text("region")
            : settings.required("region", "give the bucket's AWS region, for example eu-west-1.");
    if (region.isPresent() && !REGION.matcher(region.get()).matches()) {
      settings.problem(
          "region",
          region.get(),
          "is not a region name: lower-case letters, digits and '-', for example eu-west-1.");
    }
    return region.orElse(DEFAULT_REGION);
  }

  private static String bucket(BlobSettings settings) {
    Optional<String> bucket =
        settings.required("bucket", "give the name of an existing bucket the blobs go to.");
    if (bucket.isPresent()
        && (!BUCKET.matcher(bucket.get()).matches() || bucket.get().contains(".."))) {
      settings.problem(
          "bucket",
          bucket.get(),
          "is not a bucket name: 3 to 63 lower-case letters, digits, '.' and '-', beginning and"
              + " ending with a letter or digit.");
    }
    return bucket.orElse(null);
  }
}
