package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.KeyProviderFactory;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys.type}: the factories found with ServiceLoader and how they check their settings. */
class KeyProviderFactoriesTest {
  @TempDir Path dataDirectory;

  private static KeyProviderFactory factory(String type) {
    Map<String, KeyProviderFactory> byType =
        ServiceLoader.load(KeyProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toMap(KeyProviderFactory::type, Function.identity()));
    assertThat(byType).containsKeys("local", "configured");
    return byType.get(type);
  }

  @Test
  void localKeepsItsKeysUnderTheDataDirectoryByDefault() {
    KeyProviderFactory local = factory("local");

    assertThat(local.check(Map.of("type", "local"))).isEmpty();
    KeyProvider keys = local.open(Map.of("type", "local"), dataDirectory);

    assertThat(LocalKeyProvider.directory(dataDirectory).resolve(keys.primaryKeyId()))
        .isRegularFile();
  }

  @Test
  void localKeepsItsKeysInTheDirectoryGiven() {
    Path shared = dataDirectory.resolve("shared-keys");
    Map<String, String> settings = Map.of("directory", shared.toString());

    KeyProvider keys = factory("local").open(settings, dataDirectory.resolve("node-1"));

    assertThat(shared.resolve(keys.primaryKeyId())).isRegularFile();
    assertThat(dataDirectory.resolve("node-1")).doesNotExist();
    assertThat(factory("local").open(settings, dataDirectory.resolve("node-2")).primaryKeyId())
        .isEqualTo(keys.primaryKeyId());
  }

  @Test
  void localReportsAnEmptyDirectoryAndUnknownSettingsWithoutTheirValues() {
    String keyMaterial = ConfiguredKeyProvider.newKeyEntry("k1");
    Map<String, String> settings = Map.of("directory", " ", "keys", keyMaterial, "primaryId", "k1");

    assertThat(factory("local").check(settings))
        .extracting(Problem::field, Problem::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("keys.keys", null),
            org.assertj.core.groups.Tuple.tuple("keys.primaryId", null),
            org.assertj.core.groups.Tuple.tuple("keys.directory", " "));
    assertThatThrownBy(() -> factory("local").open(settings, dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("The blob keys (keys.type: local) cannot be used: ")
        .hasMessageContaining(
            "keys.keys: is not a setting of keys.type local, which reads keys.directory. Remove"
                + " it, or correct its name.")
        .hasMessageContaining("keys.directory = ' ': is empty")
        .hasMessageNotContaining(keyMaterial.substring(3, 20));
    assertThat(LocalKeyProvider.directory(dataDirectory)).doesNotExist();
  }

  @Test
  void configuredOpensFromItsSettingsAndKeepsNothingOnTheNode() {
    String entry = ConfiguredKeyProvider.newKeyEntry("k1");
    Map<String, String> settings = Map.of("type", "configured", "primaryId", "k1", "keys", entry);

    assertThat(factory("configured").check(settings)).isEmpty();
    KeyProvider keys = factory("configured").open(settings, dataDirectory.resolve("node-1"));

    assertThat(keys.primaryKeyId()).isEqualTo("k1");
    assertThat(keys.toString()).doesNotContain(entry.substring(3));
    assertThat(dataDirectory.resolve("node-1")).doesNotExist();
  }

  @Test
  void configuredReportsItsProblemsAndUnknownSettingsTogether() {
    Map<String, String> settings = Map.of("primaryID", "k1", "directory", "/keys");

    assertThat(factory("configured").check(settings))
        .extracting(Problem::field)
        .containsExactly("keys.directory", "keys.primaryID", "keys.keys", "keys.primaryId");
    assertThatThrownBy(() -> factory("configured").open(settings, dataDirectory))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "keys.primaryID: is not a setting of keys.type configured, which reads keys.keys,"
                + " keys.primaryId.")
        .hasMessageContaining("keys.keys: is required");
  }
}
