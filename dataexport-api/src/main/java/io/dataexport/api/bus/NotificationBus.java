package io.dataexport.api.bus;

import io.dataexport.api.notification.SyncNotification;
import java.util.List;
import java.util.Map;

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

  /**
   * Where every partition ends now: the offset the next published notification will get, per
   * partition. With {@link #committedOffsets} it tells when everything published up to a moment has
   * been applied.
   */
  Map<Integer, Long> endOffsets();

  /**
   * The offsets up to which {@code group} has acknowledged everything (the next offset it needs),
   * per partition; 0 for partitions it has not committed in.
   */
  Map<Integer, Long> committedOffsets(String group);

  @Override
  void close();
}
