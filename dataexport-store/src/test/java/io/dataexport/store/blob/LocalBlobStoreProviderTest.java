package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.BlobStoreProvider;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreProviderTest {
  @TempDir Path data;

  private static BlobStoreProvider local() {
    return ServiceLoader.load(BlobStoreProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> provider.type().equals("local"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theLocalTypeIsFoundWithTheServiceLoaderAndNeedsNoSetting() {
    assertThat(local()).isInstanceOf(LocalBlobStoreProvider.class);
    assertThat(local().check(Map.of())).isEmpty();
    assertThat(local().check(Map.of("type", "local"))).isEmpty();
  }

  @Test
  void everyUnknownSettingIsAProblemThatDoesNotShowItsValue() {
    assertThat(local().check(Map.of("bucket", "b", "secretKey", "hunter2")))
        .extracting(Problem::field, Problem::value)
        .containsExactly(tuple("blobs.bucket", null), tuple("blobs.secretKey", null));
    assertThat(local().check(Map.of("bucket", "b")).get(0).message())
        .contains("blobs.type 'local'")
        .contains("remove it");
  }

  @Test
  void openGivesTheStoreUnderTheDataDirectoryAndRefusesUnknownSettings() {
    BlobStore store = local().open(Map.of(), LocalKeyProvider.open(data), data);
    store.put("p1/parked/a", "a".getBytes(StandardCharsets.UTF_8));

    assertThat(data.resolve("blobs/p1/parked/a.blob")).isRegularFile();
    assertThatThrownBy(
            () -> local().open(Map.of("secretKey", "hunter2"), LocalKeyProvider.open(data), data))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("blobs.secretKey")
        .hasMessageNotContaining("hunter2");
  }
}
