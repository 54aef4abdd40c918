package io.dataexport.kafka;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.codec.NotificationCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a profile's consumer group on its topic. Commits nothing by itself: {@link
 * #acknowledge} commits, per partition, the offset up to which every delivery is acknowledged, so
 * the group's offsets never pass work the destination has not committed.
 *
 * <p>Partitions come and go with rebalances. When one is taken away, its contiguous acknowledged
 * offset is committed (nothing above it) and everything buffered or acknowledged later for it is
 * forgotten: the new owner reads it again from that offset (at-least-once; version guards make the
 * repeats harmless).
 *
 * <p>{@code max.poll.records} is fixed when the client is created, so a poll asking for fewer keeps
 * the rest in a buffer per partition, handed out in turn across partitions.
 */
final class KafkaBusConsumer implements BusConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBusConsumer.class);

  /** How many records one fetch of the client returns at most. */
  static final int FETCH_RECORDS = 500;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final String groupId;
  private final String servers;
  private final NotificationCodec codec;
  private final Runnable onClose;
  private final Map<Integer, Held> held = new TreeMap<>();
  // a copy of held's partitions for assignment(), which must not wait for a poll: a cluster node
  // reports its partitions from the thread that renews its leases, and a poll holds this object's
  // lock for its whole timeout, or a whole rebalance (until a dead member's session times out)
  private volatile Set<Integer> assigned = Set.of();
  private int turn;
  private boolean closed;

  /** A partition this member holds: what is buffered of it and what is acknowledged. */
  private static final class Held {
    final TopicPartition partition;
    final ArrayDeque<Delivery> buffered = new ArrayDeque<>();
    final AcknowledgedOffsets acknowledged;

    Held(TopicPartition partition, long committed) {
      this.partition = partition;
      this.acknowledged = new AcknowledgedOffsets(committed);
    }
  }

  KafkaBusConsumer(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      String groupId,
      String servers,
      NotificationCodec codec,
      Runnable onClose) {
    this.consumer = consumer;
    this.topic = topic;
    this.groupId = groupId;
    this.servers = servers;
    this.codec = codec;
    this.onClose = onClose;
    consumer.subscribe(List.of(topic), new Rebalances());
  }

  @Override
  public synchronized List<Delivery> poll(int max, Duration timeout) {
    requireOpen();
    if (max <= 0) {
      return List.of();
    }
    // one client poll per call, even with enough buffered: it keeps the membership alive
    fetch(buffered() == 0 ? timeout : Duration.ZERO);
    if (buffered() < max) {
      fetch(Duration.ZERO);
    }
    return take(max);
  }

  @Override
  public synchronized void acknowledge(List<Delivery> deliveries) {
    requireOpen();
    Set<Integer> touched = new TreeSet<>();
    for (Delivery delivery : deliveries) {
      Held partition = held.get(delivery.partition());
      if (partition != null) {
        partition.acknowledged.add(delivery.offset());
        touched.add(delivery.partition());
      }
      // else: taken away by a rebalance; its new owner delivers it again
    }
    commit(touched);
  }

  @Override
  public synchronized void release(List<Delivery> deliveries) {
    requireOpen();
    Map<Integer, Long> lowest = new HashMap<>();
    for (Delivery delivery : deliveries) {
      lowest.merge(delivery.partition(), delivery.offset(), Math::min);
    }
    lowest.forEach(
        (number, offset) -> {
          Held partition = held.get(number);
          if (partition != null) {
            partition.buffered.clear();
            consumer.seek(
                partition.partition, Math.max(offset, partition.acknowledged.contiguous()));
          }
        });
  }

  /**
   * Without the consumer's lock, which a poll holds while it waits (through a whole rebalance): the
   * partitions as of the last assignment change.
   */
  @Override
  public Set<Integer> assignment() {
    return assigned;
  }

  /** Leaves the group at once, so its partitions move to the other members without waiting. */
  @Override
  public void close() {
    consumer.wakeup();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (WakeupException e) {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      } catch (KafkaException e) {
        LOG.warn("Closing the Kafka consumer of group {} failed: {}", groupId, e.toString());
      } finally {
        held.clear();
        assigned = Set.of();
        onClose.run();
      }
    }
  }

  private void fetch(Duration timeout) {
    Iterable<ConsumerRecord<byte[], byte[]>> records;
    try {
      records = consumer.poll(timeout);
    } catch (WakeupException e) {
      return;
    } catch (KafkaException e) {
      throw KafkaFailures.translate("read topic " + topic + " as group " + groupId, servers, e);
    }
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Held partition = held.get(record.partition());
      if (partition != null && !partition.acknowledged.contains(record.offset())) {
        partition.buffered.add(
            new Delivery(codec.decode(record.value()), record.partition(), record.offset()));
      }
    }
  }

  /** Up to {@code max} buffered deliveries, one partition after the other in turn. */
  private List<Delivery> take(int max) {
    List<Delivery> taken = new ArrayList<>(Math.min(max, buffered()));
    List<Held> partitions = new ArrayList<>(held.values());
    int empty = 0;
    while (taken.size() < max && !partitions.isEmpty() && empty < partitions.size()) {
      Held partition = partitions.get(Math.floorMod(turn++, partitions.size()));
      Delivery next = partition.buffered.poll();
      if (next == null) {
        empty++;
      } else {
        empty = 0;
        taken.add(next);
      }
    }
    return taken;
  }

  private int buffered() {
    int count = 0;
    for (Held partition : held.values()) {
      count += partition.buffered.size();
    }
    return count;
  }

  /** Commits the contiguous acknowledged offsets of the partitions that moved. */
  private void commit(Collection<Integer> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int number : partitions) {
      Held partition = held.get(number);
      if (partition != null && partition.acknowledged.uncommitted()) {
        offsets.put(
            partition.partition, new OffsetAndMetadata(partition.acknowledged.contiguous()));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach(
          (partition, offset) ->
              held.get(partition.partition()).acknowledged.committed(offset.offset()));
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // the group is rebalancing: the partitions' next owners deliver these again
      LOG.info(
          "Group {} is rebalancing; acknowledgements of partitions {} of {} are not committed and"
              + " their notifications will be delivered again: {}",
          groupId,
          partitions,
          topic,
          e.getMessage());
    } catch (WakeupException e) {
      LOG.debug("Commit of group {} interrupted by close; delivered again later", groupId);
    } catch (KafkaException e) {
      throw KafkaFailures.translate(
          "commit the offsets of group " + groupId + " on topic " + topic, servers, e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The consumer of group " + groupId + " is closed.");
    }
  }

  /** Runs inside the client's poll (and close), on the thread holding this consumer. */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      List<Integer> numbers = partitions.stream().map(TopicPartition::partition).toList();
      try {
        commit(numbers);
      } catch (RuntimeException e) {
        LOG.warn(
            "Committing the acknowledged offsets of partitions {} of {} before handing them over"
                + " failed; they are delivered again from the last commit: {}",
            numbers,
            topic,
            e.getMessage());
      }
      numbers.forEach(held::remove);
      assigned = Set.copyOf(held.keySet());
      LOG.info("Group {} member gave up partitions {} of {}", groupId, numbers, topic);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(partition -> held.remove(partition.partition()));
      assigned = Set.copyOf(held.keySet());
      LOG.info(
          "Group {} member lost partitions {} of {}; acknowledgements not committed yet are"
              + " delivered again",
          groupId,
          partitions,
          topic);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      for (TopicPartition partition : partitions) {
        held.put(partition.partition(), new Held(partition, consumer.position(partition)));
      }
      assigned = Set.copyOf(held.keySet());
      LOG.info("Group {} member took partitions {} of {}", groupId, partitions, topic);
    }
  }
}
