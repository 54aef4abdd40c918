package io.dataexport.kafka;

import io.dataexport.api.error.UnavailableException;
import io.dataexport.codec.NotificationCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the part of a topic a group has not acknowledged, from given start offsets to given end
 * offsets, with a consumer of no group (so no group's offsets move), and collects the payload
 * references of what it reads. Only the references are decoded.
 */
final class PendingPayloadScan {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration LIMIT = Duration.ofMinutes(2);

  private PendingPayloadScan() {}

  /**
   * @throws UnavailableException when the range cannot be read within two minutes
   */
  static Set<String> run(
      KafkaClients clients,
      String topic,
      NotificationCodec codec,
      Map<Integer, Long> start,
      Map<Integer, Long> end) {
    Map<TopicPartition, Long> remaining = new HashMap<>();
    end.forEach(
        (partition, until) -> {
          if (start.getOrDefault(partition, 0L) < until) {
            remaining.put(new TopicPartition(topic, partition), until);
          }
        });
    Set<String> refs = new HashSet<>();
    if (remaining.isEmpty()) {
      return refs;
    }
    String servers = clients.settings().bootstrapServers();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    try (KafkaConsumer<byte[], byte[]> reader = clients.reader()) {
      reader.assign(remaining.keySet());
      remaining.keySet().forEach(p -> reader.seek(p, start.getOrDefault(p.partition(), 0L)));
      while (!remaining.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new UnavailableException(
              "Reading the pending notifications of topic "
                  + topic
                  + " at "
                  + servers
                  + " took longer than "
                  + LIMIT.toMinutes()
                  + " minutes; partitions "
                  + remaining.keySet()
                  + " were not read to their end. Check the brokers.",
              null);
        }
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
          Long until = remaining.get(new TopicPartition(topic, record.partition()));
          if (until != null && record.offset() < until) {
            codec.payloadRef(record.value()).ifPresent(refs::add);
          }
        }
        for (TopicPartition partition : Set.copyOf(remaining.keySet())) {
          if (reader.position(partition) >= remaining.get(partition)) {
            remaining.remove(partition);
          }
        }
        reader.pause(reader.assignment().stream().filter(p -> !remaining.containsKey(p)).toList());
      }
    } catch (KafkaException e) {
      throw KafkaFailures.translate("read the pending notifications of topic " + topic, servers, e);
    }
    return refs;
  }
}
