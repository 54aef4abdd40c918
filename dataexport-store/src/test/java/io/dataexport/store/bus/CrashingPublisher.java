package io.dataexport.store.bus;

import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The child process of {@link EmbeddedBusCrashTest}: publishes numbered batches for ever and prints
 * {@code published <n> ok} once batch n's {@code publish} has returned, until it is killed.
 *
 * <p>Arguments: data directory, number of the first batch.
 */
public final class CrashingPublisher {
  static final int BATCH_SIZE = 40;
  static final String FILLER = "payload ".repeat(250);

  private CrashingPublisher() {}

  public static void main(String[] args) {
    Path dataDirectory = Path.of(args[0]);
    long batch = Long.parseLong(args[1]);
    try (NotificationBus bus =
        new EmbeddedBusProvider(new EmbeddedBusOptions(4, 256 * 1024))
            .open(TestNotifications.PROFILE, dataDirectory)) {
      while (true) {
        bus.publish(batch(batch));
        System.out.println("published " + batch + " ok");
        System.out.flush();
        batch++;
      }
    }
  }

  static List<SyncNotification> batch(long batch) {
    List<SyncNotification> notifications = new ArrayList<>(BATCH_SIZE);
    for (int index = 0; index < BATCH_SIZE; index++) {
      notifications.add(
          new SyncNotification(
              TestNotifications.PROFILE,
              "account",
              new UUID(batch, index),
              Operation.UPSERT,
              batch,
              Instant.now(),
              Map.of("batch", batch, "index", (long) index, "filler", FILLER)));
    }
    return notifications;
  }
}
