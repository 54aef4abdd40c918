package io.dataexport.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.store.blob.BlobSettings;
import io.dataexport.store.blob.LocalKeyProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of the azure type, checked without connecting. */
class AzureBlobStoreProviderTest {
  private static final String KEY = "c2VjcmV0LWFjY291bnQta2V5LW5ldmVyLXNob3du";
  private static final String CONNECTION =
      "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + KEY + ";";

  private final AzureBlobStoreProvider provider = new AzureBlobStoreProvider();

  @TempDir Path data;

  private static Map<String, String> byAccount() {
    Map<String, String> settings = new HashMap<>();
    settings.put("accountName", "acme");
    settings.put("accountKey", KEY);
    settings.put("container", "dataexport-blobs");
    return settings;
  }

  private static AzureSettings read(Map<String, String> settings) {
    return AzureSettings.read(new BlobSettings("azure", settings, AzureSettings.KEYS));
  }

  @Test
  void theAzureTypeIsFoundWithTheServiceLoader() {
    assertThat(ServiceLoader.load(BlobStoreProvider.class).stream().map(p -> p.get().type()))
        .contains("azure", "local");
  }

  @Test
  void aConnectionStringOrAnAccountNameAndKeyAreEnough() {
    assertThat(provider.check(Map.of("connectionString", CONNECTION, "container", "c-1")))
        .isEmpty();
    assertThat(provider.check(byAccount())).isEmpty();

    AzureSettings account = read(byAccount());
    assertThat(account.endpoint()).isEqualTo(URI.create("https://acme.blob.core.windows.net"));
    assertThat(account.toString()).doesNotContain(KEY);
    assertThat(read(Map.of("connectionString", CONNECTION, "container", "c-1")).toString())
        .doesNotContain(KEY);
  }

  @Test
  void nothingToConnectWithIsReportedWithWhatToGive() {
    assertThat(provider.check(Map.of()))
        .extracting(Problem::field)
        .containsExactlyInAnyOrder("blobs.accountName", "blobs.accountKey", "blobs.container");
    assertThat(provider.check(Map.of("container", "c-1")).get(0).message())
        .contains("blobs.connectionString");
  }

  @Test
  void aConnectionStringWithAccountSettingsIsAmbiguous() {
    Map<String, String> both = byAccount();
    both.put("connectionString", CONNECTION);

    assertThat(provider.check(both))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.connectionString"))
        .satisfies(p -> assertThat(p.value()).isNull())
        .satisfies(p -> assertThat(p.message()).contains("not both"));
  }

  @Test
  void malformedValuesAreProblemsThatNeverShowASecret() {
    assertThat(provider.check(Map.of("connectionString", "just-a-password", "container", "c-1")))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.connectionString"))
        .satisfies(p -> assertThat(p.toString()).doesNotContain("just-a-password"));

    Map<String, String> badKey = byAccount();
    badKey.put("accountKey", "not base64 !");
    assertThat(provider.check(badKey))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.accountKey"))
        .satisfies(p -> assertThat(p.toString()).doesNotContain("not base64 !"));

    Map<String, String> names = byAccount();
    names.put("accountName", "Acme_Corp");
    names.put("container", "Bad--Name");
    names.put("endpoint", "acme.blob.core.windows.net");
    assertThat(provider.check(names))
        .extracting(Problem::field, Problem::value)
        .containsExactlyInAnyOrder(
            tuple("blobs.accountName", "Acme_Corp"),
            tuple("blobs.container", "Bad--Name"),
            tuple("blobs.endpoint", "acme.blob.core.windows.net"));
  }

  @Test
  void unknownSettingsAreProblemsListingTheKnownOnes() {
    Map<String, String> settings = byAccount();
    settings.put("bucket", "from-the-s3-example");

    assertThat(provider.check(settings))
        .singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("blobs.bucket"))
        .satisfies(p -> assertThat(p.message()).contains("container", "connectionString"));
  }

  @Test
  void openRefusesUnusableSettingsWithEveryProblemBeforeConnecting() {
    Map<String, String> settings = byAccount();
    settings.remove("container");
    settings.put("accountKey", "%%%");

    assertThatThrownBy(() -> provider.open(settings, LocalKeyProvider.open(data), data))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("blobs.container")
        .hasMessageContaining("blobs.accountKey")
        .hasMessageNotContaining("%%%");
  }
}
