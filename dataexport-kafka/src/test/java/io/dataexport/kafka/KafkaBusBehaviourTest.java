package io.dataexport.kafka;

import static io.dataexport.store.bus.TestNotifications.batch;
import static io.dataexport.store.bus.TestNotifications.numbered;
import static io.dataexport.store.bus.TestNotifications.recordNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.bus.NotificationBusProvider;
import io.dataexport.api.error.Problem;
import io.dataexport.api.notification.SyncNotification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the Kafka bus does beyond the compatibility kit: topics, groups, rebalances, secrets. */
class KafkaBusBehaviourTest {
  private static final Path NO_FILES = Path.of("unused-by-kafka");
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final String WRITERS = "writers";

  private final KafkaBusProvider provider = new KafkaBusProvider();
  private final KafkaBroker broker = KafkaBroker.shared();
  private final String profileId = UUID.randomUUID().toString();

  private Map<String, String> settings(int partitions) {
    return broker.settings("behaviour", partitions);
  }

  @Test
  void theTopicIsCreatedWithTheConfiguredPartitionsAndKeptWhenOpenedAgain() throws Exception {
    try (NotificationBus bus = provider.open(profileId, settings(4), NO_FILES)) {
      assertThat(bus.endOffsets()).containsOnlyKeys(0, 1, 2, 3);
    }
    try (Admin admin = broker.admin()) {
      String topic = "behaviour." + profileId;
      assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
          .hasSize(4);
    }
    // an existing topic keeps its partitions whatever the setting says now
    try (NotificationBus bus = provider.open(profileId, settings(9), NO_FILES)) {
      assertThat(bus.endOffsets()).hasSize(4);
    }
  }

  @Test
  void theChangesOfOneRecordStayOnOnePartitionInOrder() {
    try (NotificationBus bus = provider.open(profileId, settings(6), NO_FILES)) {
      for (int version = 1; version <= 10; version++) {
        List<SyncNotification> round = new ArrayList<>();
        for (int record = 0; record < 30; record++) {
          round.add(numbered(record, version));
        }
        bus.publish(round);
      }
      List<Delivery> deliveries = drain(bus.subscribe(WRITERS));

      assertThat(deliveries).hasSize(300);
      Map<Integer, Integer> partitionOf = new HashMap<>();
      Map<Integer, Long> lastVersion = new HashMap<>();
      for (Delivery delivery : deliveries) {
        int record = recordNumber(delivery.notification());
        assertThat(partitionOf.computeIfAbsent(record, r -> delivery.partition()))
            .isEqualTo(delivery.partition());
        assertThat(delivery.notification().version())
            .isEqualTo(lastVersion.getOrDefault(record, 0L) + 1);
        lastVersion.put(record, delivery.notification().version());
      }
      assertThat(new HashSet<>(partitionOf.values())).hasSizeGreaterThan(1);
    }
  }

  @Test
  void twoMembersShareThePartitionsAndALeavingOneHandsOverWhatItDidNotAcknowledge() {
    try (NotificationBus bus = provider.open(profileId, settings(6), NO_FILES)) {
      BusConsumer first = bus.subscribe(WRITERS);
      BusConsumer second = bus.subscribe(WRITERS);
      List<Delivery> received = new ArrayList<>();
      awaitShared(first, second, received);
      assertThat(first.assignment()).doesNotContainAnyElementsOf(second.assignment());
      assertThat(union(first.assignment(), second.assignment()))
          .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
      assertThat(received).isEmpty();

      bus.publish(batch(0, 60));
      List<Delivery> ofFirst = drain(first);
      assertThat(ofFirst).allMatch(d -> first.assignment().contains(d.partition()));
      List<Delivery> applied = ofFirst.subList(0, ofFirst.size() / 2);
      first.acknowledge(applied);
      first.close();

      List<Delivery> ofSecond = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (second.assignment().size() < 6) {
        assertThat(System.nanoTime()).as("takes over within 30 s").isLessThan(deadline);
        ofSecond.addAll(second.poll(500, Duration.ofMillis(200)));
      }
      ofSecond.addAll(drain(second));
      Set<Integer> all = new HashSet<>(numbers(applied));
      all.addAll(numbers(ofSecond));
      assertThat(all).as("at least once: nothing lost").hasSize(60);
      assertThat(numbers(ofSecond))
          .as("what the first member did not acknowledge comes again")
          .containsAll(numbers(ofFirst.subList(ofFirst.size() / 2, ofFirst.size())));
      second.acknowledge(ofSecond);
      assertThat(bus.pending(WRITERS)).isZero();
    }
  }

  @Test
  void acknowledgementsArrivingAfterARebalanceTookThePartitionCommitNothing() {
    try (NotificationBus bus = provider.open(profileId, settings(6), NO_FILES)) {
      bus.publish(batch(0, 60));
      BusConsumer first = bus.subscribe(WRITERS);
      List<Delivery> inFlight = drain(first);
      assertThat(inFlight).hasSize(60);

      BusConsumer second = bus.subscribe(WRITERS);
      List<Delivery> takenOver = new ArrayList<>();
      awaitShared(first, second, takenOver);
      first.acknowledge(inFlight);

      Map<Integer, Long> committed = bus.committedOffsets(WRITERS);
      Map<Integer, Long> end = bus.endOffsets();
      for (int partition = 0; partition < 6; partition++) {
        assertThat(committed.get(partition))
            .as("partition %d", partition)
            .isEqualTo(second.assignment().contains(partition) ? 0L : end.get(partition));
      }
      takenOver.addAll(drain(second));
      assertThat(numbers(takenOver))
          .containsExactlyInAnyOrderElementsOf(
              numbers(
                  inFlight.stream()
                      .filter(d -> second.assignment().contains(d.partition()))
                      .toList()));
    }
  }

  @Test
  void deleteRemovesTheTopicAndTheProfilesGroupsAndMayBeRepeated() throws Exception {
    String otherProfile = UUID.randomUUID().toString();
    try (NotificationBus bus = provider.open(profileId, settings(3), NO_FILES);
        NotificationBus other = provider.open(otherProfile, settings(3), NO_FILES)) {
      bus.publish(batch(0, 5));
      other.publish(batch(0, 5));
      for (NotificationBus each : List.of(bus, other)) {
        BusConsumer consumer = each.subscribe(WRITERS);
        consumer.acknowledge(drain(consumer));
        consumer.close();
      }
    }

    provider.delete(profileId, settings(3), NO_FILES);
    provider.delete(profileId, settings(3), NO_FILES);

    try (Admin admin = broker.admin()) {
      Set<String> topics = admin.listTopics().names().get();
      assertThat(topics)
          .doesNotContain("behaviour." + profileId)
          .contains("behaviour." + otherProfile);
      List<String> groups =
          admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
      assertThat(groups)
          .doesNotContain("behaviour." + profileId + "." + WRITERS)
          .contains("behaviour." + otherProfile + "." + WRITERS);
    }
  }

  @Test
  void theProviderIsFoundByNameAndChecksItsSettings() {
    NotificationBusProvider found =
        ServiceLoader.load(NotificationBusProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("kafka"))
            .findFirst()
            .orElseThrow();

    assertThat(found.check(settings(12))).isEmpty();
    assertThat(found.check(Map.of()))
        .extracting(Problem::field)
        .containsExactly("bus.bootstrapServers");
    assertThat(
            found.check(
                Map.of(
                    "bootstrapServers", "no port",
                    "topicPrefix", "bad/prefix",
                    "partitions", "0",
                    "replicationFactor", "many")))
        .extracting(Problem::field)
        .containsExactlyInAnyOrder(
            "bus.bootstrapServers", "bus.topicPrefix", "bus.partitions", "bus.replicationFactor");
    assertThatThrownBy(() -> found.open("../escape", settings(1), NO_FILES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot name a Kafka topic");
  }

  @Test
  void theClientsConfigurationDumpHidesSecrets() {
    String secret = "secret-" + UUID.randomUUID();
    Map<String, String> settings = new HashMap<>(settings(1));
    settings.put(
        "properties.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" password=\""
            + secret
            + "\";");
    Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
    Level before = kafka.getLevel();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    kafka.addAppender(logged);
    kafka.setLevel(Level.INFO);
    try (NotificationBus bus = provider.open(profileId, settings, NO_FILES)) {
      bus.publish(batch(0, 1));
      assertThat(drain(bus.subscribe(WRITERS))).hasSize(1);
    } finally {
      kafka.detachAppender(logged);
      kafka.setLevel(before);
    }

    List<String> messages = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages).anyMatch(m -> m.contains("sasl.jaas.config = [hidden]"));
    assertThat(messages).noneMatch(m -> m.contains(secret));
  }

  /** Polls both members in turn until each holds partitions; what comes meanwhile is kept. */
  private static void awaitShared(BusConsumer first, BusConsumer second, List<Delivery> received) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (first.assignment().isEmpty()
        || second.assignment().isEmpty()
        || union(first.assignment(), second.assignment()).size() < 6) {
      assertThat(System.nanoTime())
          .as("both members hold partitions within 30 s")
          .isLessThan(deadline);
      first.poll(500, Duration.ofMillis(100));
      received.addAll(second.poll(500, Duration.ofMillis(100)));
    }
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
    Set<Integer> union = new HashSet<>(a);
    union.addAll(b);
    return union;
  }

  private static List<Integer> numbers(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> recordNumber(d.notification())).toList();
  }

  private static List<Delivery> drain(BusConsumer consumer) {
    List<Delivery> all = new ArrayList<>();
    List<Delivery> polled;
    while (!(polled = consumer.poll(500, QUIET)).isEmpty()) {
      all.addAll(polled);
    }
    return all;
  }
}
