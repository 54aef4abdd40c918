package io.dataexport.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates the Kafka clients of a bus from its settings. The {@code bus.properties.*} client
 * settings go to every client as they are (SASL, TLS, timeouts); over them, the settings the bus's
 * guarantees rest on are fixed: the producer waits for every in-sync replica and is idempotent, a
 * consumer never commits by itself. Nothing here logs a configuration: the clients' own dump prints
 * passwords as {@code [hidden]}.
 */
final class KafkaClients {
  /**
   * How long a publish may wait for the brokers before it fails (so a writer sees an outage within
   * this time, not after Kafka's default two minutes); {@code bus.properties.delivery.timeout.ms}
   * changes it.
   */
  static final int DELIVERY_TIMEOUT_MS = 30_000;

  private final KafkaBusSettings settings;

  KafkaClients(KafkaBusSettings settings) {
    this.settings = settings;
  }

  KafkaBusSettings settings() {
    return settings;
  }

  Admin admin() {
    Map<String, Object> config = common();
    config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(config);
  }

  KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> config = common();
    // a few ms of batching: publish sends a batch at once and waits for all of it anyway
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(config);
  }

  /** A member of {@code groupId}: starts where the group committed, else at the oldest record. */
  KafkaConsumer<byte[], byte[]> member(String groupId, int maxPollRecords) {
    Map<String, Object> config = consumerBase();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.putIfAbsent(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    return new KafkaConsumer<>(config);
  }

  /** A consumer of no group, for reads that move no group's offsets. */
  KafkaConsumer<byte[], byte[]> reader() {
    Map<String, Object> config = consumerBase();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    return new KafkaConsumer<>(config);
  }

  private Map<String, Object> consumerBase() {
    Map<String, Object> config = common();
    config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  private Map<String, Object> common() {
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return config;
  }
}
