package io.dataexport.kafka;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.codec.NotificationCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * A profile's bus on Kafka: one topic, {@code <topicPrefix>.<profileId>}, whose records are keyed
 * by {@link SyncNotification#partitionKey()} (so the changes of one record land on one partition,
 * in order) and hold the {@link NotificationCodec} form of a notification. Consumer groups are
 * {@code <topic>.<group>}. The offsets and counts come from the brokers through the admin client,
 * so every node of a cluster sees the same.
 */
final class KafkaBus implements NotificationBus {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final String profileId;
  private final String topic;
  private final KafkaClients clients;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final NotificationCodec codec = new NotificationCodec();
  private final int partitions;
  private final Set<KafkaBusConsumer> consumers = ConcurrentHashMap.newKeySet();

  private KafkaBus(
      String profileId,
      String topic,
      KafkaClients clients,
      Admin admin,
      KafkaProducer<byte[], byte[]> producer,
      int partitions) {
    this.profileId = profileId;
    this.topic = topic;
    this.clients = clients;
    this.admin = admin;
    this.producer = producer;
    this.partitions = partitions;
  }

  /**
   * Opens the bus of a profile, creating its topic when missing.
   *
   * @throws IllegalArgumentException when the profile id makes no valid topic name
   * @throws DataExportException when the brokers do not answer or refuse
   */
  static KafkaBus open(String profileId, KafkaBusSettings settings) {
    String topic = settings.topic(profileId);
    KafkaClients clients = new KafkaClients(settings);
    Admin admin = clients.admin();
    try {
      int partitions = TopicSetup.ensure(admin, topic, settings);
      return new KafkaBus(profileId, topic, clients, admin, clients.producer(), partitions);
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      throw e instanceof KafkaException
          ? KafkaFailures.translate("open topic " + topic, settings.bootstrapServers(), e)
          : e;
    }
  }

  /** The topic this bus writes. */
  String topic() {
    return topic;
  }

  /**
   * Sends every notification, then waits until the brokers have acknowledged each (acks=all): a
   * reader saves its cursor only after this returns.
   */
  @Override
  public void publish(List<SyncNotification> notifications) {
    if (notifications.isEmpty()) {
      return;
    }
    String what = "publish " + notifications.size() + " notifications to topic " + topic;
    List<Future<RecordMetadata>> sent = new ArrayList<>(notifications.size());
    try {
      for (SyncNotification notification : notifications) {
        Future<RecordMetadata> future =
            producer.send(
                new ProducerRecord<>(
                    topic,
                    notification.partitionKey().getBytes(StandardCharsets.UTF_8),
                    codec.encode(notification)));
        if (future.isDone()) {
          // failed at once (no metadata within max.block.ms): the next sends would wait as long
          future.get();
        }
        sent.add(future);
      }
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    } catch (ExecutionException | KafkaException e) {
      throw KafkaFailures.translate(what, servers(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KafkaFailures.translate(what, servers(), e);
    }
  }

  @Override
  public BusConsumer subscribe(String group) {
    String groupId = clients.settings().groupId(profileId, group);
    KafkaBusConsumer[] created = new KafkaBusConsumer[1];
    created[0] =
        new KafkaBusConsumer(
            clients.member(groupId, KafkaBusConsumer.FETCH_RECORDS),
            topic,
            groupId,
            servers(),
            codec,
            () -> consumers.remove(created[0]));
    consumers.add(created[0]);
    return created[0];
  }

  @Override
  public long pending(String group) {
    Map<Integer, Long> end = endOffsets();
    Map<Integer, Long> start = startOffsets(group);
    long pending = 0;
    for (Map.Entry<Integer, Long> partition : end.entrySet()) {
      pending += Math.max(0, partition.getValue() - start.getOrDefault(partition.getKey(), 0L));
    }
    return pending;
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    return offsets(OffsetSpec.latest());
  }

  @Override
  public Map<Integer, Long> committedOffsets(String group) {
    Map<Integer, Long> committed = new TreeMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      committed.put(partition, 0L);
    }
    committed.putAll(committedOnly(group));
    return committed;
  }

  @Override
  public Set<String> pendingPayloadRefs(String group) {
    Map<Integer, Long> end = endOffsets();
    return PendingPayloadScan.run(clients, topic, codec, startOffsets(group), end);
  }

  @Override
  public void close() {
    for (KafkaBusConsumer consumer : List.copyOf(consumers)) {
      consumer.close();
    }
    try {
      producer.close(CLOSE_TIMEOUT);
    } finally {
      admin.close(CLOSE_TIMEOUT);
    }
  }

  /** Where {@code group} goes on per partition: its committed offset, else the oldest record. */
  private Map<Integer, Long> startOffsets(String group) {
    Map<Integer, Long> start = offsets(OffsetSpec.earliest());
    committedOnly(group).forEach((partition, offset) -> start.merge(partition, offset, Math::max));
    return start;
  }

  /** The offsets {@code group} has committed, only for partitions it has committed in. */
  private Map<Integer, Long> committedOnly(String group) {
    String groupId = clients.settings().groupId(profileId, group);
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      Map<Integer, Long> committed = new TreeMap<>();
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null && partition.topic().equals(topic)) {
              committed.put(partition.partition(), offset.offset());
            }
          });
      return committed;
    } catch (ExecutionException | KafkaException e) {
      throw KafkaFailures.translate("read the offsets of group " + groupId, servers(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KafkaFailures.translate("read the offsets of group " + groupId, servers(), e);
    }
  }

  private Map<Integer, Long> offsets(OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new TreeMap<>(KafkaBus::byPartition);
    for (int partition = 0; partition < partitions; partition++) {
      request.put(new TopicPartition(topic, partition), spec);
    }
    try {
      Map<TopicPartition, ListOffsetsResultInfo> answer = admin.listOffsets(request).all().get();
      Map<Integer, Long> offsets = new TreeMap<>();
      answer.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
      return offsets;
    } catch (ExecutionException | KafkaException e) {
      throw KafkaFailures.translate("read the offsets of topic " + topic, servers(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KafkaFailures.translate("read the offsets of topic " + topic, servers(), e);
    }
  }

  private static int byPartition(TopicPartition a, TopicPartition b) {
    return Integer.compare(a.partition(), b.partition());
  }

  private String servers() {
    return clients.settings().bootstrapServers();
  }
}
