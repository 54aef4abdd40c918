package io.dataexport.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a profile's bus from Kafka: its consumer groups ({@code <topic>.<group>}), then its
 * topic. Idempotent: groups or a topic already gone are fine.
 */
final class TopicRemoval {
  private static final Logger LOG = LoggerFactory.getLogger(TopicRemoval.class);

  private TopicRemoval() {}

  static void run(String profileId, KafkaBusSettings settings) {
    String topic = settings.topic(profileId);
    String servers = settings.bootstrapServers();
    try (Admin admin = new KafkaClients(settings).admin()) {
      List<String> groups =
          admin.listGroups().all().get().stream()
              .map(GroupListing::groupId)
              .filter(group -> KafkaBusSettings.isGroupOf(group, topic))
              .toList();
      if (!groups.isEmpty()) {
        for (Map.Entry<String, KafkaFuture<Void>> deleted :
            admin.deleteConsumerGroups(groups).deletedGroups().entrySet()) {
          try {
            deleted.getValue().get();
          } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
              throw new IllegalStateException(
                  "Consumer group "
                      + deleted.getKey()
                      + " still has members: stop the profile on every node before deleting"
                      + " its bus.",
                  e.getCause());
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
              throw e;
            }
          }
        }
      }
      try {
        admin.deleteTopics(List.of(topic)).all().get();
        LOG.info("Deleted Kafka topic {} and consumer groups {}", topic, groups);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    } catch (ExecutionException | KafkaException e) {
      throw KafkaFailures.translate("delete topic " + topic, servers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KafkaFailures.translate("delete topic " + topic, servers, e);
    }
  }
}
