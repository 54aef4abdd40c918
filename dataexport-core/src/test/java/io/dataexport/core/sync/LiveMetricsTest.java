package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
    metrics.published("account", 3, START);

    metrics.handled("account", notifications(5, START.minus(Duration.ofMinutes(1))));

    assertThat(metrics.oldestWaiting("account")).isEqualTo(START);
    metrics.handled("account", notifications(3, START));
    assertThat(metrics.oldestWaiting("account")).isNull();
    assertThat(metrics.lag("account")).isEqualTo(Duration.ZERO);
  }

  @Test
  void theLagIsTheAgeOfTheOldestChangeStillOnTheBusEvenUnderContinuousLoad() {
    MovingClock clock = new MovingClock(START);
    LiveMetrics metrics = new LiveMetrics(clock);
    metrics.published("account", 2, START);
    clock.now = START.plusSeconds(5);
    metrics.published("account", 2, START.plusSeconds(5));
    clock.now = START.plusSeconds(7);

    assertThat(metrics.lag("account")).isEqualTo(Duration.ofSeconds(7));
    metrics.handled("account", notifications(2, START));
    assertThat(metrics.lag("account")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void whatAnotherNodeHandledStopsCountingOnceTheStoreSaysAllIsHandled() {
    MovingClock clock = new MovingClock(START);
    LiveMetrics metrics = new LiveMetrics(clock);
    // this node's reader published; another node's writer applied them (a cluster)
    metrics.published("account", 4, START);
    clock.now = START.plusSeconds(600);
    assertThat(metrics.lag("account")).isEqualTo(Duration.ofSeconds(600));

    metrics.caughtUp("account");

    assertThat(metrics.lag("account")).isEqualTo(Duration.ZERO);
    metrics.published("account", 1, START.plusSeconds(600));
    clock.now = START.plusSeconds(603);
    assertThat(metrics.lag("account")).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void whatTheStoreSaysOtherNodesHandledStopsCountingOldestFirstUnderContinuousLoad() {
    MovingClock clock = new MovingClock(START);
    LiveMetrics metrics = new LiveMetrics(clock);
    // this node's reader publishes every 10 s; other nodes' writers apply most of it (a cluster)
    metrics.published("account", 10, START);
    metrics.published("account", 10, START.plusSeconds(10));
    metrics.published("account", 10, START.plusSeconds(20));
    long publishedBefore = metrics.publishedCount("account");
    // published after the store's counters were read: not among what they say is handled
    metrics.published("account", 10, START.plusSeconds(30));
    clock.now = START.plusSeconds(35);

    // the counters: 12 of the entity's notifications not handled yet, anywhere
    metrics.handledElsewhere("account", publishedBefore, 12);

    assertThat(metrics.oldestWaiting("account")).isEqualTo(START.plusSeconds(10));
    // this node's own writer handles 5 more: its count and the store's do not add up
    metrics.handled("account", notifications(5, START.plusSeconds(10)));
    assertThat(metrics.oldestWaiting("account")).isEqualTo(START.plusSeconds(10));
    metrics.handledElsewhere("account", metrics.publishedCount("account"), 10);
    assertThat(metrics.oldestWaiting("account")).isEqualTo(START.plusSeconds(30));
    metrics.handledElsewhere("account", metrics.publishedCount("account"), 0);
    assertThat(metrics.lag("account")).isEqualTo(Duration.ZERO);
  }

  @Test
  void theThroughputIsTheAverageOfTheLastMinute() {
    MovingClock clock = new MovingClock(START);
    LiveMetrics metrics = new LiveMetrics(clock);
    metrics.applied("account", 60);
    clock.now = START.plusSeconds(30);
    metrics.applied("account", 60);

    assertThat(metrics.throughput("account")).isEqualTo(2.0);
    clock.now = START.plusSeconds(75);
    assertThat(metrics.throughput("account")).isEqualTo(1.0);
  }

  private static List<SyncNotification> notifications(int count, Instant syncTime) {
    return Collections.nCopies(
        count,
        new SyncNotification(
            "p", "account", UUID.randomUUID(), Operation.UPSERT, 1, syncTime, Map.of()));
  }

  /** A clock tests move by hand. */
  private static final class MovingClock extends Clock {
    volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
