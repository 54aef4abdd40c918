package io.dataexport.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StoreClockTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final long MS = 1_000_000;

  @Test
  void untilMeasuredItIsTheBaseClock() {
    StoreClock clock = new StoreClock(Clock.fixed(T, ZoneOffset.UTC));

    assertThat(clock.instant()).isEqualTo(T);
    assertThat(clock.offset()).isZero();
  }

  @Test
  void itTellsTheStoresTimeTakenHalfwayThroughTheRoundTrip() {
    StoreClock clock = new StoreClock(Clock.fixed(T, ZoneOffset.UTC));

    // asked at T, answered 10 ms later; the store read its clock at T + 5 ms + 60 s
    clock.measured(T, 10 * MS, T.plusMillis(5).plusSeconds(60));

    assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(60));
    assertThat(clock.instant()).isEqualTo(T.plusSeconds(60));
  }

  @Test
  void theMeasurementWithTheShortestRoundTripOfTheRecentOnesIsUsed() {
    StoreClock clock = new StoreClock(Clock.fixed(T, ZoneOffset.UTC));

    clock.measured(T, 2 * MS, T.plusMillis(1).minusSeconds(30));
    // a slow answer: the store's reading could have been anywhere in 400 ms
    clock.measured(T, 400 * MS, T.minusSeconds(30));
    assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(-30));

    for (int i = 0; i < StoreClock.SAMPLES; i++) {
      clock.measured(T, 20 * MS, T.plusMillis(10).minusSeconds(29));
    }
    assertThat(clock.offset())
        .as("the short one is no longer among the last %d", StoreClock.SAMPLES)
        .isEqualTo(Duration.ofSeconds(-29));
  }

  @Test
  void anotherZoneKeepsTheOffset() {
    StoreClock clock = new StoreClock(Clock.fixed(T, ZoneOffset.UTC));
    clock.measured(T, 0, T.plusSeconds(5));

    Clock zoned = clock.withZone(ZoneOffset.ofHours(2));

    assertThat(zoned.instant()).isEqualTo(T.plusSeconds(5));
    assertThat(zoned.getZone()).isEqualTo(ZoneOffset.ofHours(2));
  }
}
