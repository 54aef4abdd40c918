package io.dataexport.server.config;

/**
 * Where the blob store's key-encryption keys come from: {@code keys.type} ({@code local}, {@code
 * configured}, as installed) and its factory's settings {@code keys.*}, which the factory checks
 * ({@link io.dataexport.api.blob.KeyProviderFactory#check}).
 *
 * @param type {@code local} by default: key files under the data directory's {@code keys/blob-keys}
 * @param settings every {@code keys.} key but {@code type}, keyed without the prefix
 */
public record KeysConfig(String type, ProviderSettings settings) {
  public static final String LOCAL = "local";

  static KeysConfig read(ConfigReader reader) {
    return new KeysConfig(
        reader.text(ConfigKeys.KEYS_TYPE, LOCAL),
        new ProviderSettings(reader.section(ConfigKeys.KEYS, ConfigKeys.KEYS_TYPE)));
  }
}
