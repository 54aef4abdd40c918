package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveMetricsTest {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void notificationsLeftOnTheBusByAnEarlierRunDoNotHideThisRunsBacklog() {
    LiveMetrics metrics = new LiveMetrics(Clock.fixed(START, ZoneOffset.UTC));
    metrics.published("account", 3);

    metrics.applied("account", notifications(5, START.minus(Duration.ofMinutes(1))));

    assertThat(metrics.pending("account")).isEqualTo(3);
    metrics.applied("account", notifications(3, START));
    assertThat(metrics.pending("account")).isZero();
    assertThat(metrics.lag("account")).isEqualTo(Duration.ZERO);
  }

  private static List<SyncNotification> notifications(int count, Instant syncTime) {
    return Collections.nCopies(
        count,
        new SyncNotification(
            "p", "account", UUID.randomUUID(), Operation.UPSERT, 1, syncTime, Map.of()));
  }
}
