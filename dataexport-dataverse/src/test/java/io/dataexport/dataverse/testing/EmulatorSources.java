package io.dataexport.dataverse.testing;

import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.dataverse.DataverseChangeSource;
import io.dataexport.dataverse.DataverseSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;

/** Source configurations and opened sources pointing at an in-process emulator. */
public final class EmulatorSources {
  private EmulatorSources() {}

  /** The emulator's organisation with its default client credentials. */
  public static SourceConfig config(DataverseEmulator emulator) {
    return config(emulator, EmulatorSettings.DEFAULT_CLIENT_SECRET);
  }

  /** The emulator's organisation with the default client id and the given secret. */
  public static SourceConfig config(DataverseEmulator emulator, String secret) {
    return new SourceConfig(
        "dataverse",
        emulator.baseUrl().toString(),
        new SourceAuth(
            emulator.tokenUrl().toString(),
            EmulatorSettings.DEFAULT_CLIENT_ID,
            Secret.of(secret),
            null));
  }

  /** A source over the emulator with the given settings. */
  public static DataverseChangeSource open(DataverseEmulator emulator, DataverseSettings settings) {
    return DataverseChangeSource.open(config(emulator), settings);
  }
}
