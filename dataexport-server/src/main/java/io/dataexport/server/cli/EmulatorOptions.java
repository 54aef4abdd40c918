package io.dataexport.server.cli;

import io.dataexport.emulator.EmulatorSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options that set up a Dataverse emulator, shared by the commands that run one. */
final class EmulatorOptions {
  @Option(
      names = "--seed-records",
      paramLabel = "N",
      description =
          "Records per main entity (account, contact, lead, opportunity, accountleads). Default: ${DEFAULT-VALUE}.")
  long seedRecords = 1000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed every sample value derives from. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--client-id",
      description = "Accepted OAuth2 client id. Default: ${DEFAULT-VALUE}.")
  String clientId = EmulatorSettings.DEFAULT_CLIENT_ID;

  @Option(
      names = "--client-secret",
      description = "Accepted OAuth2 client secret. Default: emulator-secret.")
  String clientSecret = EmulatorSettings.DEFAULT_CLIENT_SECRET;

  @Option(
      names = "--token-lifetime",
      paramLabel = "DURATION",
      description = "Lifetime of access tokens, ISO-8601 (e.g. PT1H). Default: PT59M59S.")
  Duration tokenLifetime = Duration.ofSeconds(3599);

  @Option(
      names = "--change-retention",
      paramLabel = "DURATION",
      description = "How long change tokens stay valid, ISO-8601 (e.g. P7D, PT10M). Default: P7D.")
  Duration changeRetention = Duration.ofDays(7);

  EmulatorSettings settings(String host, int port) {
    return EmulatorSettings.defaults()
        .withHost(host)
        .withPort(port)
        .withSeed(seed)
        .withSeedRecords(seedRecords)
        .withClientCredentials(clientId, clientSecret)
        .withTokenLifetime(tokenLifetime)
        .withChangeRetention(changeRetention);
  }
}
