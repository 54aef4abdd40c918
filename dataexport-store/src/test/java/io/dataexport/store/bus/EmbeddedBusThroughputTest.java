package io.dataexport.store.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.notification.SyncNotification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints how fast the bus takes and hands out notifications; asserts only that none is lost. */
class EmbeddedBusThroughputTest {
  private static final int TOTAL = 100_000;
  private static final int BATCH = 1_000;

  @TempDir Path dataDirectory;

  @Test
  void publishesAHundredThousandOneKilobyteNotificationsInBatchesOfAThousand() {
    List<List<SyncNotification>> batches = new ArrayList<>();
    for (int first = 0; first < TOTAL; first += BATCH) {
      List<SyncNotification> batch = new ArrayList<>(BATCH);
      for (int i = first; i < first + BATCH; i++) {
        batch.add(TestNotifications.sized(i, 900));
      }
      batches.add(batch);
    }
    try (NotificationBus bus = new EmbeddedBusProvider().open("throughput", dataDirectory)) {
      long started = System.nanoTime();
      for (List<SyncNotification> batch : batches) {
        bus.publish(batch);
      }
      double publishSeconds = (System.nanoTime() - started) / 1e9;

      BusConsumer consumer = bus.subscribe("writers");
      started = System.nanoTime();
      int consumed = 0;
      List<Delivery> deliveries;
      while (!(deliveries = consumer.poll(BATCH, Duration.ofMillis(100))).isEmpty()) {
        consumed += deliveries.size();
        consumer.acknowledge(deliveries);
      }
      double consumeSeconds = (System.nanoTime() - started) / 1e9;

      System.out.printf(
          "embedded bus: published %,d ~1 KB notifications in batches of %,d in %.2f s"
              + " (%,.0f/s, durable); polled and acknowledged them in %.2f s (%,.0f/s)%n",
          TOTAL,
          BATCH,
          publishSeconds,
          TOTAL / publishSeconds,
          consumeSeconds,
          TOTAL / consumeSeconds);
      assertThat(consumed).isEqualTo(TOTAL);
    }
  }
}
