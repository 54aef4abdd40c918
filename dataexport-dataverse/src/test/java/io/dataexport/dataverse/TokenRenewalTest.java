package io.dataexport.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.dataverse.testing.EmulatorSources;
import io.dataexport.dataverse.testing.MutableClock;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Access tokens expire; reads go on across their expiry. */
class TokenRenewalTest {

  @Test
  void aReadLongerThanTheTokenLifetimeRenewsTheTokenAheadOfExpiry() throws InterruptedException {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults()
                    .withPort(0)
                    .withSeedRecords(25)
                    .withTokenLifetime(Duration.ofSeconds(2)));
        DataverseChangeSource source =
            EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(5))) {
      EntitySchema account = source.describe("account");
      Set<UUID> read = new HashSet<>();
      long started = System.nanoTime();
      ChangeCursor cursor = ChangeCursor.start();
      while (true) {
        ChangePage page = source.read(account, cursor);
        page.changes().forEach(c -> read.add(c.recordId()));
        if (page.caughtUp()) {
          break;
        }
        cursor = page.next();
        Thread.sleep(600);
      }

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofSeconds(2));
      assertThat(read).hasSize(25);
    }
  }

  @Test
  void aTokenTheServerNoLongerAcceptsIsRenewedOnTheSpot() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults().withPort(0).withSeedRecords(10).withClock(clock));
        DataverseChangeSource source =
            EmulatorSources.open(emulator, DataverseSettings.defaults().withPageSize(5))) {
      EntitySchema account = source.describe("account");
      ChangePage first = source.read(account, ChangeCursor.start());

      // the server's clock passes the token's hour while ours still holds it valid: a 401
      clock.advance(Duration.ofMinutes(61));
      ChangePage second = source.read(account, first.next());

      assertThat(first.changes()).hasSize(5);
      assertThat(second.changes()).hasSize(5);
    }
  }
}
