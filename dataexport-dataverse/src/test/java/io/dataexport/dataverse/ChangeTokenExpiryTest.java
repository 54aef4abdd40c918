package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.ChangeTokenExpiredException;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.testing.ChangeStream;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.dataverse.testing.MutableClock;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A change token older than the organisation's change retention asks for a full re-export. */
class ChangeTokenExpiryTest {

  @Test
  void aDeltaLinkOlderThanTheRetentionThrowsChangeTokenExpiredAndARestartReadsEverything() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults()
                    .withPort(0)
                    .withSeedRecords(12)
                    .withClock(clock)
                    .withChangeRetention(Duration.ofHours(1)));
        DataverseChangeSource source =
            EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(5))) {
      EntitySchema account = source.describe("account");
      ChangeCursor delta =
          ChangeStream.last(ChangeStream.readUntilCaughtUp(source, account, ChangeCursor.start()));

      // also outlives the access token, which the source must renew on the way
      clock.advance(Duration.ofHours(2));

      assertThatThrownBy(() -> source.read(account, delta))
          .isInstanceOf(ChangeTokenExpiredException.class)
          .hasMessageContaining("expired");
      List<ChangePage> again = ChangeStream.readUntilCaughtUp(source, account, delta.restart());
      assertThat(again.stream().flatMap(p -> p.changes().stream()).map(SourceChange::recordId))
          .hasSize(12)
          .doesNotHaveDuplicates();
      assertThat(ChangeStream.last(again).highWaterVersion())
          .isGreaterThanOrEqualTo(delta.highWaterVersion());
    }
  }

  @Test
  void aLinkOfAnotherOrganisationIsNotFollowedButExportedAgain() {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(3));
        DataverseChangeSource source =
            EmulatorSources.open(emulator, DataverseSettings.defaults())) {
      EntitySchema account = source.describe("account");
      ChangeCursor foreign =
          new ChangeCursor(
              ChangeCursor.Phase.DELTA,
              "https://elsewhere.crm.dynamics.com/api/data/v9.2/accounts?$deltatoken=1%2101%2F01%2F2026",
              0);

      assertThatThrownBy(() -> source.read(account, foreign))
          .isInstanceOf(ChangeTokenExpiredException.class)
          .hasMessageContaining("elsewhere.crm.dynamics.com");
    }
  }
}
