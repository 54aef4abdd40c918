package io.dataexport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.store.bus.NotificationBusCompatibilityKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka bus passes the compatibility kit every bus passes, against a real broker; and what a
 * cluster node needs beyond it.
 */
class KafkaBusTest extends NotificationBusCompatibilityKit {
  private final KafkaBusProvider provider = new KafkaBusProvider();
  private String profileId;

  @BeforeEach
  void newProfile() {
    profileId = UUID.randomUUID().toString();
  }

  @Override
  protected NotificationBus open() {
    return provider.open(
        profileId, KafkaBroker.shared().settings("kit", 6), Path.of("unused-by-kafka"));
  }

  /** A new member joins its group before its first records come. */
  @Override
  protected Duration quiet() {
    return Duration.ofSeconds(1);
  }

  /**
   * A cluster node reports its partitions from the thread that renews its leases: asking must not
   * wait for a poll, which can last its whole timeout (or a whole rebalance). It did, and a node's
   * leases lapsed while its writer polled.
   */
  @Test
  void theAssignmentIsAnsweredWhileAPollWaits() throws Exception {
    try (NotificationBus bus = open();
        BusConsumer consumer = bus.subscribe("writers")) {
      consumer.poll(10, Duration.ofSeconds(5)); // joins the group
      CountDownLatch polling = new CountDownLatch(1);
      Thread poller =
          Thread.ofPlatform()
              .start(
                  () -> {
                    polling.countDown();
                    consumer.poll(10, Duration.ofSeconds(8));
                  });
      polling.await();
      Thread.sleep(500); // the poll is waiting for records now
      long started = System.nanoTime();
      consumer.assignment();
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      poller.join();
      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
  }
}
