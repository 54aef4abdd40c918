package io.dataexport.bench.sync;

import io.dataexport.bench.data.EmulatorSource;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;

/**
 * Where a profile reads from: the organisation URL and its OAuth2 client credentials. Plain text,
 * so a child JVM can be handed it on its command line.
 */
public record SourceEndpoint(String url, String tokenUrl, String clientId, String clientSecret) {

  /** The endpoint of an emulator, with its default client. */
  public static SourceEndpoint of(DataverseEmulator emulator) {
    return new SourceEndpoint(
        EmulatorSource.url(emulator),
        emulator.tokenUrl().toString(),
        EmulatorSettings.DEFAULT_CLIENT_ID,
        EmulatorSettings.DEFAULT_CLIENT_SECRET);
  }
}
