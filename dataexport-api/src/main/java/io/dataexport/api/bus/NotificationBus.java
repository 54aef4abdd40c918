package io.dataexport.api.bus;

import io.dataexport.api.notification.SyncNotification;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * The {@link SyncNotification#payloadRef() payload references} of the notifications {@code group}
   * has not acknowledged yet: from its committed offsets (for a group that never subscribed: from
   * the oldest notification kept) to where the partitions end when the call begins. A notification
   * acknowledged above an unacknowledged one of its partition may be included (only the contiguous
   * acknowledged offset is stored); one acknowledged below is never. Moves no offset and delivers
   * nothing. It tells which claim-check blobs a notification still to be handled refers to, so that
   * none of them is taken for an orphan.
   *
   * <p>Reads the pending part of the bus (not the payloads of notifications that carry theirs
   * inline): cheap when little is pending, as it is while the writer keeps up.
   *
   * @return the blob keys, possibly empty; never null
   * @throws io.dataexport.api.error.RetriableException when the bus cannot be read now
   */
  Set<String> pendingPayloadRefs(String group);

  @Override
  void close();
}
