package io.dataexport.api.bus;

import io.dataexport.api.notification.SyncNotification;
import java.util.List;

/**
 * The durable queue between change readers and writers, partitioned by {@link
 * SyncNotification#partitionKey()} so the changes of one record stay in order. One bus per profile.
 * Thread-safe.
 */
public interface NotificationBus extends AutoCloseable {

  /**
   * Appends notifications; returns only once they are durable (a crash after return loses none).
   *
   * @throws io.dataexport.api.error.RetriableException when storage is unavailable now
   */
  void publish(List<SyncNotification> notifications);

  /** Joins the consumer group {@code group}; its members share the partitions. */
  BusConsumer subscribe(String group);

  /** Notifications published and not yet acknowledged by {@code group}. */
  long pending(String group);

  @Override
  void close();
}
