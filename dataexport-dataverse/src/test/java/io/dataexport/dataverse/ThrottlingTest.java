package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.RetriableException;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.testing.ChangeStream;
import io.dataexport.dataverse.testing.EmulatorRecords;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.throttle.ServiceProtectionLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Service-protection throttling (429 with Retry-After) slows reads down but loses nothing. */
class ThrottlingTest {

  @Test
  void aFullReadUnderTightLimitsCompletesWithEveryRecord() {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(60));
        DataverseChangeSource source =
            EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(10))) {
      EntitySchema account = source.describe("account");
      emulator
          .serviceProtection()
          .enable(new ServiceProtectionLimits(5, Duration.ofMinutes(5), 10, Duration.ofSeconds(2)));

      List<SourceChange> changes =
          ChangeStream.readUntilCaughtUp(source, account, ChangeCursor.start()).stream()
              .flatMap(p -> p.changes().stream())
              .toList();

      Map<UUID, Long> read = new HashMap<>();
      changes.forEach(c -> read.put(c.recordId(), c.version()));
      assertThat(changes).hasSize(60);
      assertThat(read).isEqualTo(EmulatorRecords.liveVersions(emulator, "account"));
      assertThat(emulator.serviceProtection().throttledRequests()).isPositive();
    }
  }

  @Test
  void throttlingBeyondTheAllowedWaitIsRetriableAndSaysHowLongToWait() {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(10));
        DataverseChangeSource source =
            EmulatorSources.open(
                emulator, DataverseSettings.defaults().withMaxRetryWait(Duration.ofMillis(500)))) {
      EntitySchema account = source.describe("account");
      emulator
          .serviceProtection()
          .enable(new ServiceProtectionLimits(1, Duration.ofMinutes(5), 10, Duration.ofSeconds(5)));

      // the record count takes the one request allowed; the page is refused for about 5 s
      assertThatThrownBy(() -> source.read(account, ChangeCursor.start()))
          .isInstanceOfSatisfying(
              RetriableException.class,
              e ->
                  assertThat(e.retryAfter())
                      .hasValueSatisfying(
                          wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(3))))
          .hasMessageContaining("429")
          .hasMessageContaining("0x80072322");
    }
  }
}
