package io.dataexport.kafka;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.store.bus.NotificationBusCompatibilityKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** The Kafka bus passes the compatibility kit every bus passes, against a real broker. */
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
}
