package io.dataexport.server.config;

/**
 * The blob store of parked notifications and large payloads: {@code blobs.type} ({@code local},
 * {@code s3}, {@code azure}, as installed) and its provider's settings {@code blobs.*}, which the
 * provider checks ({@link io.dataexport.api.blob.BlobStoreProvider#check}).
 *
 * @param type {@code local} by default: files under the data directory
 * @param settings every {@code blobs.} key but {@code type}, keyed without the prefix
 */
public record BlobsConfig(String type, ProviderSettings settings) {
  static final String LOCAL = "local";

  static BlobsConfig read(ConfigReader reader) {
    return new BlobsConfig(
        reader.text(ConfigKeys.BLOBS_TYPE, LOCAL),
        new ProviderSettings(reader.section(ConfigKeys.BLOBS, ConfigKeys.BLOBS_TYPE)));
  }
}
