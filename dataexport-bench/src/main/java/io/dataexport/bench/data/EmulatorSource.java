package io.dataexport.bench.data;

import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.dataverse.DataverseChangeSource;
import io.dataexport.dataverse.DataverseSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;

/** How the benchmarks reach an in-process emulator: its source configuration and a reader. */
public final class EmulatorSource {
  private EmulatorSource() {}

  /** Starts an emulator on a free port with {@code seedRecords} records per main entity. */
  public static DataverseEmulator start(long seedRecords) {
    return DataverseEmulator.start(
        EmulatorSettings.defaults().withPort(0).withSeedRecords(seedRecords));
  }

  /** The profile's {@code source} block for the emulator. */
  public static SourceConfig config(DataverseEmulator emulator) {
    return new SourceConfig(
        "dataverse",
        url(emulator),
        new SourceAuth(
            emulator.tokenUrl().toString(),
            EmulatorSettings.DEFAULT_CLIENT_ID,
            Secret.of(EmulatorSettings.DEFAULT_CLIENT_SECRET),
            null));
  }

  /** The organisation URL, without the trailing slash. */
  public static String url(DataverseEmulator emulator) {
    return emulator.baseUrl().toString().replaceAll("/$", "");
  }

  /** The Dataverse change source the service would use, with its default paging. */
  public static DataverseChangeSource open(DataverseEmulator emulator) {
    return DataverseChangeSource.open(config(emulator), DataverseSettings.defaults());
  }
}
