package io.dataexport.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.blob.BlobIntegrityException;
import io.dataexport.api.blob.KeyProvider;
import io.dataexport.api.blob.WrappedKey;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configured key provider: the compatibility kit, and what is its own (reading {@code
 * keys.keys}, reporting problems without key material, new entries for operators).
 */
class ConfiguredKeyProviderTest extends KeyProviderCompatibilityKit {
  private String keysText;

  @Override
  protected KeyProvider open() {
    keysText = ConfiguredKeyProvider.newKeyEntry("key-a");
    return ConfiguredKeyProvider.open("key-a", keysText);
  }

  @Override
  protected KeyProvider rotate(KeyProvider provider) {
    keysText = keysText + "," + ConfiguredKeyProvider.newKeyEntry("key-b");
    return ConfiguredKeyProvider.open("key-b", keysText);
  }

  @Override
  protected KeyProvider openWithOtherKeyUnder(String keyId) {
    return ConfiguredKeyProvider.open(keyId, ConfiguredKeyProvider.newKeyEntry(keyId));
  }

  private static String base64(int bytes) {
    byte[] material = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      material[i] = (byte) (i * 37 + 11);
    }
    return Base64.getEncoder().encodeToString(material);
  }

  @Test
  void checkListsEveryProblemOfTheTextNamingEntriesByPosition() {
    String key = base64(32);
    String shortKey = base64(16);
    String text =
        String.join(
            ",",
            key,
            "=" + key,
            "bad id!=" + key,
            "k1=not*base64",
            "k2=" + shortKey,
            "k3=" + key,
            "k3=" + key);

    List<Problem> problems = ConfiguredKeyProvider.check("k3", text);

    assertThat(problems).extracting(Problem::field).containsOnly("keys.keys").hasSize(6);
    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly(
            "entry 1 of 7 is not id=BASE64: give each key an id, then '=', then its base64.",
            "entry 2 of 7 is not id=BASE64: give each key an id, then '=', then its base64.",
            "entry 3 of 7 has an id that is not 1 to 100 letters, digits, '-' or '_'. Write it as"
                + " id=BASE64.",
            "entry 4 of 7 is not valid base64 after its '=': give the standard base64 (A-Z, a-z,"
                + " 0-9, +, /) of 32 random bytes, as 'dataexport keys generate' prints it.",
            "entry 5 of 7 holds a key of 16 bytes, but a blob key is 32 random bytes (AES-256)."
                + " Make one with 'dataexport keys generate'.",
            "entry 7 of 7 has the id 'k3' of entry 6: an id names one key. Remove one of them, or"
                + " give it a new id (a key under a changed id no longer opens the blobs written"
                + " under it).");
    assertThat(problems).allSatisfy(p -> assertThat(p.value()).isNull());
    assertNoKeyMaterial(problems.toString(), key, shortKey);
  }

  @Test
  void aKeyWithoutItsIdIsNeverShownEvenWhenItLooksLikeAnId() {
    // Standard base64 without '+' and '/' is a valid id once its padding reads as the '='.
    String key = "A".repeat(43) + "=";

    List<Problem> problems = ConfiguredKeyProvider.check(null, key + ",  " + key.replace("=", ""));

    assertThat(problems).hasSize(3);
    assertNoKeyMaterial(problems.toString(), key.substring(0, 20));
  }

  @Test
  void aMissingPrimaryIdAndMissingKeysAreBothReported() {
    assertThat(ConfiguredKeyProvider.check(null, null))
        .extracting(Problem::field, Problem::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("keys.keys", null),
            org.assertj.core.groups.Tuple.tuple("keys.primaryId", null));
    assertThat(ConfiguredKeyProvider.check(" ", " ").toString())
        .contains("keys.keys: is required")
        .contains("'dataexport keys generate'")
        .contains("keys.primaryId: is required");
  }

  @Test
  void aPrimaryIdThatIsNoIdOrNotAmongTheKeysIsReportedWithTheIdsThereAre() {
    String keys = "k1=" + base64(32) + ",k2=" + base64(32);

    assertThat(ConfiguredKeyProvider.check("k9", keys))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("keys.primaryId");
              assertThat(p.message()).contains("not among the ids in keys.keys (k1, k2)");
            });
    assertThat(ConfiguredKeyProvider.check("k1=" + base64(32), keys))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("is not a key id"));
    assertNoKeyMaterial(
        ConfiguredKeyProvider.check("k1=" + base64(32), keys).toString(), base64(32));
  }

  @Test
  void openRefusesWhatCheckReportsInOneMessageWithoutKeyMaterial() {
    String key = base64(32);

    assertThatThrownBy(() -> ConfiguredKeyProvider.open("", "k1=" + key + ",k1=" + key + "," + key))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("The blob keys (keys.type: configured) cannot be used: ")
        .hasMessageContaining("keys.keys: entry 2 of 3 has the id 'k1' of entry 1")
        .hasMessageContaining("keys.keys: entry 3 of 3 is not id=BASE64")
        .hasMessageContaining("keys.primaryId: is required")
        .satisfies(e -> assertNoKeyMaterial(e.getMessage(), key));
  }

  @Test
  void spacesLineBreaksAndATrailingCommaAroundEntriesAreIgnored() {
    byte[] dataKey = dataKey();
    ConfiguredKeyProvider first =
        ConfiguredKeyProvider.open("k1", ConfiguredKeyProvider.newKeyEntry("k1"));
    String entry = ConfiguredKeyProvider.newKeyEntry("k2");
    String spaced = " k2 = " + entry.substring(3) + " ,\n  " + "k1=" + base64(32) + ",\n";

    ConfiguredKeyProvider keys = ConfiguredKeyProvider.open(" k2 ", spaced);

    assertThat(keys.primaryKeyId()).isEqualTo("k2");
    assertThat(keys.unwrap(keys.wrap(dataKey))).isEqualTo(dataKey);
    assertThat(keys.toString()).isEqualTo("ConfiguredKeyProvider[primaryKeyId=k2, keyIds=k2,k1]");
    assertThatThrownBy(() -> keys.unwrap(first.wrap(dataKey)))
        .isInstanceOf(BlobIntegrityException.class)
        .hasMessageContaining("configured under that id in keys.keys");
  }

  @Test
  void anUnknownKeyIdNamesWhereTheKeysComeFromAndTheIdsThereAre() {
    WrappedKey wrapped = provider.wrap(dataKey());

    assertThatThrownBy(() -> provider.unwrap(new WrappedKey("key-old", wrapped.bytes())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'key-old' is not configured")
        .hasMessageContaining("keys.keys")
        .hasMessageContaining("DATAEXPORT_KEYS_KEYS")
        .hasMessageContaining("holds the ids key-a");
  }

  @Test
  void aNewKeyEntryIsAFreshBase64KeyUnderTheIdGiven() {
    String entry = ConfiguredKeyProvider.newKeyEntry("key-2027");

    assertThat(entry).startsWith("key-2027=");
    assertThat(Base64.getDecoder().decode(entry.substring("key-2027=".length()))).hasSize(32);
    assertThat(ConfiguredKeyProvider.newKeyEntry("key-2027")).isNotEqualTo(entry);
    assertThat(ConfiguredKeyProvider.check("key-2027", entry)).isEmpty();
    assertThat(ConfiguredKeyProvider.newKeyId()).matches("key-\\d{8}-[0-9a-f]{8}");
    assertThat(ConfiguredKeyProvider.newKeyId()).isNotEqualTo(ConfiguredKeyProvider.newKeyId());
    assertThatThrownBy(() -> ConfiguredKeyProvider.newKeyEntry("key 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'key 1'")
        .hasMessageContaining("letters, digits, '-' or '_'");
  }

  @Test
  void aKeyWrapsTheSameWhetherConfiguredOrInAKeyFile(@TempDir Path data) throws IOException {
    String id = "kek-moved-1";
    String entry = ConfiguredKeyProvider.newKeyEntry(id);
    Path keyFiles = LocalKeyProvider.directory(data);
    Files.createDirectories(keyFiles);
    Files.write(keyFiles.resolve(id), Base64.getDecoder().decode(entry.substring(id.length() + 1)));
    Files.writeString(keyFiles.resolve("primary"), id);
    ConfiguredKeyProvider configured = ConfiguredKeyProvider.open(id, entry);
    LocalKeyProvider local = LocalKeyProvider.open(data);
    byte[] dataKey = dataKey();

    assertThat(local.unwrap(configured.wrap(dataKey))).isEqualTo(dataKey);
    assertThat(configured.unwrap(local.wrap(dataKey))).isEqualTo(dataKey);
    assertThat(configured.wrap(dataKey)).isEqualTo(local.wrap(dataKey));
  }

  private static void assertNoKeyMaterial(String text, String... keys) {
    for (String key : keys) {
      assertThat(text).doesNotContain(key).doesNotContain(key.substring(0, 12));
    }
  }
}
