package io.dataexport.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.LocalKeyProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of the s3 type, checked without connecting. */
class S3BlobStoreProviderTest {
  private final S3BlobStoreProvider provider = new S3BlobStoreProvider();

  @TempDir Path data;

  private static Map<String, String> valid() {
    Map<String, String> settings = new HashMap<>();
    settings.put("endpoint", "http://127.0.0.1:9000");
    settings.put("bucket", "dataexport-blobs");
    settings.put("accessKey", "AKIAEXAMPLE");
    settings.put("secretKey", "s3cr3t-never-shown");
    return settings;
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> settings = valid();
    if (value == null) {
      settings.remove(key);
    } else {
      settings.put(key, value);
    }
    return settings;
  }

  private static S3Settings read(Map<String, String> settings) {
    return S3Settings.read(new BlobSettings("s3", settings, S3Settings.KEYS));
  }

  @Test
  void theS3TypeIsFoundWithTheServiceLoader() {
    assertThat(ServiceLoader.load(BlobStoreProvider.class).stream().map(p -> p.get().type()))
        .contains("s3", "local");
  }

  @Test
  void validSettingsHaveNoProblemAndTakeTheDefaults() {
    assertThat(provider.check(valid())).isEmpty();
    assertThat(provider.check(with("type", "s3"))).isEmpty();

    S3Settings withEndpoint = read(valid());
    assertThat(withEndpoint.region()).isEqualTo("us-east-1");
    assertThat(withEndpoint.pathStyle()).as("path style with an endpoint").isTrue();
    assertThat(withEndpoint.toString()).doesNotContain("s3cr3t");

    S3Settings amazon =
        read(Map.of("region", "eu-west-1", "bucket", "dataexport-blobs", "prefix", "prod/"));
    assertThat(amazon.endpoint()).isNull();
    assertThat(amazon.pathStyle()).as("virtual hosts on Amazon S3").isFalse();
    assertThat(amazon.hasCredentials()).as("SDK default chain").isFalse();
    assertThat(amazon.names().prefix()).isEqualTo("prod/");
  }

  @Test
  void aMissingBucketAndAMissingRegionOnAmazonAreReportedTogether() {
    assertThat(provider.check(Map.of()))
        .extracting(Problem::field)
        .containsExactlyInAnyOrder("blobs.region", "blobs.bucket");
    assertThat(provider.check(Map.of()))
        .allSatisfy(problem -> assertThat(problem.message()).contains("required"));
  }

  @Test
  void everyMalformedValueIsAProblemNamingKeyValueAndFix() {
    assertThat(provider.check(with("endpoint", "ftp://files.example.com")))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.endpoint"))
        .satisfies(p -> assertThat(p.value()).isEqualTo("ftp://files.example.com"))
        .satisfies(p -> assertThat(p.message()).contains("http://", "for example"));
    assertThat(provider.check(with("endpoint", "not a url")))
        .extracting(Problem::field)
        .containsExactly("blobs.endpoint");
    assertThat(provider.check(with("pathStyle", "yes")))
        .extracting(Problem::field, Problem::value)
        .containsExactly(tuple("blobs.pathStyle", "yes"));
    assertThat(provider.check(with("bucket", "Bad_Bucket")))
        .extracting(Problem::field, Problem::value)
        .containsExactly(tuple("blobs.bucket", "Bad_Bucket"));
    assertThat(provider.check(with("region", "EU West")))
        .extracting(Problem::field, Problem::value)
        .containsExactly(tuple("blobs.region", "EU West"));
    assertThat(provider.check(with("prefix", "../up")))
        .extracting(Problem::field, Problem::value)
        .containsExactly(tuple("blobs.prefix", "../up"));
  }

  @Test
  void halfOfAPairOfCredentialsIsAProblemThatNeverShowsTheSecret() {
    assertThat(provider.check(with("secretKey", null)))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.secretKey"))
        .satisfies(p -> assertThat(p.message()).contains("AKIAEXAMPLE"));
    assertThat(provider.check(with("accessKey", null)))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.accessKey"))
        .satisfies(p -> assertThat(p.value()).isNull())
        .satisfies(p -> assertThat(p.toString()).doesNotContain("s3cr3t"));
  }

  @Test
  void anEndpointCarryingCredentialsIsRefusedWithoutRepeatingThem() {
    assertThat(provider.check(with("endpoint", "http://user:pa55word@127.0.0.1:9000")))
        .singleElement()
        .satisfies(p -> assertThat(p.value()).isNull())
        .satisfies(p -> assertThat(p.toString()).doesNotContain("pa55word"));
  }

  @Test
  void unknownSettingsAreProblemsListingTheKnownOnes() {
    assertThat(provider.check(with("secretkey", "typo-of-a-secret")))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.secretkey"))
        .satisfies(p -> assertThat(p.value()).isNull())
        .satisfies(p -> assertThat(p.message()).contains("secretKey", "pathStyle"));
  }

  @Test
  void openRefusesUnusableSettingsWithEveryProblemBeforeConnecting() {
    Map<String, String> settings = with("bucket", null);
    settings.put("pathStyle", "maybe");

    assertThatThrownBy(() -> provider.open(settings, LocalKeyProvider.open(data), data))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("blobs.bucket")
        .hasMessageContaining("blobs.pathStyle")
        .hasMessageNotContaining("s3cr3t");
  }
}
