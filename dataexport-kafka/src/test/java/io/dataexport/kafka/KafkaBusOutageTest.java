package io.dataexport.kafka;

import static io.dataexport.store.bus.TestNotifications.batch;
import static io.dataexport.store.bus.TestNotifications.recordNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.error.RetriableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka bus when its broker goes down and comes back: its own broker, killed and restarted. */
class KafkaBusOutageTest {
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void aPublishWhileTheBrokerIsDownFailsRetriablyInBoundedTimeAndNothingPublishedIsLost() {
    Map<String, String> settings = new TreeMap<>(broker.settings("outage", 3));
    settings.put("properties.delivery.timeout.ms", "4000");
    settings.put("properties.request.timeout.ms", "2000");
    settings.put("properties.max.block.ms", "4000");
    String profileId = UUID.randomUUID().toString();
    try (NotificationBus bus = new KafkaBusProvider().open(profileId, settings, Path.of("x"))) {
      bus.publish(batch(0, 20));

      broker.kill();
      long started = System.nanoTime();
      RetriableException failure =
          catchThrowableOfType(RetriableException.class, () -> bus.publish(batch(20, 20)));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(failure).isNotNull();
      assertThat(failure.getMessage()).contains(broker.bootstrapServers());
      assertThat(took).isLessThan(Duration.ofSeconds(15));

      broker.restart();
      bus.publish(batch(40, 20));
      BusConsumer consumer = bus.subscribe("writers");
      List<Integer> read = new ArrayList<>();
      List<Delivery> polled;
      while (!(polled = consumer.poll(500, Duration.ofSeconds(2))).isEmpty()) {
        polled.forEach(d -> read.add(recordNumber(d.notification())));
      }
      assertThat(read).containsAll(range(0, 20)).containsAll(range(40, 60));
    }
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = from; i < to; i++) {
      numbers.add(i);
    }
    return numbers;
  }
}
