package io.dataexport.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a profile's topic exists: creates it with the configured partitions and replication
 * when missing ({@code min.insync.replicas} is left to the broker's default), and tells how many
 * partitions it has (an existing topic keeps its own count).
 */
final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(15);

  private TopicSetup() {}

  /**
   * @return the topic's partition count
   * @throws io.dataexport.api.error.DataExportException when the brokers do not answer or refuse
   */
  static int ensure(Admin admin, String topic, KafkaBusSettings settings) {
    boolean created = false;
    try {
      admin
          .createTopics(
              List.of(new NewTopic(topic, settings.partitions(), settings.replicationFactor())))
          .all()
          .get();
      created = true;
      LOG.info(
          "Created Kafka topic {} with {} partitions and replication factor {}",
          topic,
          settings.partitions(),
          settings.replicationFactor());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw KafkaFailures.translate(
            "create topic " + topic + " (check bus.partitions and bus.replicationFactor)",
            settings.bootstrapServers(),
            e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KafkaFailures.translate("create topic " + topic, settings.bootstrapServers(), e);
    }
    int partitions = partitions(admin, topic, settings);
    if (created) {
      awaitLeaders(admin, topic, partitions);
    }
    return partitions;
  }

  /**
   * Waits (briefly) until every partition of a new topic answers on its leader, so that the first
   * publish does not meet partitions whose leader is still loading them. Gives up quietly: the
   * producer retries by itself.
   */
  private static void awaitLeaders(Admin admin, String topic, int partitions) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    }
    long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        admin.listOffsets(request).all().get();
        return;
      } catch (ExecutionException e) {
        LOG.debug("Partitions of {} not led yet: {}", topic, e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The partition count, waiting briefly for a topic just created to be visible everywhere. */
  private static int partitions(Admin admin, String topic, KafkaBusSettings settings) {
    long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
    while (true) {
      try {
        TopicDescription description =
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw KafkaFailures.translate("describe topic " + topic, settings.bootstrapServers(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw KafkaFailures.translate("describe topic " + topic, settings.bootstrapServers(), e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw KafkaFailures.translate("describe topic " + topic, settings.bootstrapServers(), e);
      }
    }
  }
}
