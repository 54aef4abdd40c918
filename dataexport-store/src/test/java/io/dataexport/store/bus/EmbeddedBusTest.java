package io.dataexport.store.bus;

import static io.dataexport.store.bus.TestNotifications.batch;
import static io.dataexport.store.bus.TestNotifications.sized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.bus.NotificationBusProvider;
import io.dataexport.api.notification.SyncNotification;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBusTest extends NotificationBusCompatibilityKit {
  @TempDir Path dataDirectory;

  private EmbeddedBusOptions options = EmbeddedBusOptions.defaults();

  @Override
  protected NotificationBus open() {
    return new EmbeddedBusProvider(options).open(TestNotifications.PROFILE, dataDirectory);
  }

  private Path busDirectory() {
    return EmbeddedBusProvider.directory(TestNotifications.PROFILE, dataDirectory);
  }

  private Path lastSegment(int partition) throws IOException {
    try (Stream<Path> files = Files.list(busDirectory().resolve("partition-" + partition))) {
      return files.filter(f -> f.toString().endsWith(".seg")).max(Comparator.naturalOrder()).get();
    }
  }

  /** Publishes one record per call into partition 0, so its segment ends with a known record. */
  private List<SyncNotification> publishIntoOnePartition(int count) {
    List<SyncNotification> published = new ArrayList<>();
    for (int record = 0; published.size() < count; record++) {
      SyncNotification notification = TestNotifications.numbered(record, 1);
      if (Partitioner.partition(notification.partitionKey(), bus.endOffsets().size()) == 0) {
        bus.publish(List.of(notification));
        published.add(notification);
      }
    }
    return published;
  }

  @Test
  void aTornLastRecordIsCutOffAndEveryEarlierRecordSurvives() throws IOException {
    bus = open();
    List<SyncNotification> published = publishIntoOnePartition(5);
    bus.close();
    Path segment = lastSegment(0);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 3);
    }

    bus = open();

    assertThat(drain(bus.subscribe(WRITERS)))
        .extracting(d -> d.notification())
        .containsExactlyElementsOf(published.subList(0, 4));
    bus.publish(batch(1000, 20));
    restart();
    assertThat(drain(bus.subscribe(WRITERS))).hasSize(24);
  }

  @Test
  void garbageAfterTheLastRecordIsIgnoredAndOverwritten() throws IOException {
    bus = open();
    List<SyncNotification> published = publishIntoOnePartition(3);
    bus.close();
    Path segment = lastSegment(0);
    long validSize = Files.size(segment);
    byte[] garbage = new byte[100];
    new java.util.Random(7).nextBytes(garbage);
    // A plausible header first: a small length and the next offset, with a wrong checksum.
    ByteBuffer.wrap(garbage).putInt(10).putInt(12345).putLong(3);
    Files.write(segment, garbage, StandardOpenOption.APPEND);

    bus = open();

    assertThat(Files.size(segment)).isEqualTo(validSize);
    assertThat(drain(bus.subscribe(WRITERS)))
        .extracting(d -> d.notification())
        .containsExactlyElementsOf(published);
  }

  @Test
  void recordsLargerThanTheReadWindowComeBackWholeOrNotAtAll() throws IOException {
    options = new EmbeddedBusOptions(1, EmbeddedBusOptions.DEFAULT_SEGMENT_BYTES);
    bus = open();
    List<SyncNotification> published = List.of(sized(1, 10), sized(2, 300_000), sized(3, 70_000));
    bus.publish(published);
    restart();
    assertThat(drain(bus.subscribe(WRITERS)))
        .extracting(d -> d.notification())
        .containsExactlyElementsOf(published);

    bus.close();
    try (FileChannel channel = FileChannel.open(lastSegment(0), StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 1000);
    }
    bus = open();
    assertThat(bus.endOffsets()).containsEntry(0, 2L);
    assertThat(drain(bus.subscribe("auditors")))
        .extracting(d -> d.notification())
        .containsExactlyElementsOf(published.subList(0, 2));
  }

  @Test
  void segmentsEveryGroupHasConsumedAreDeleted() {
    options = new EmbeddedBusOptions(2, 16 * 1024);
    bus = open();
    for (int round = 0; round < 20; round++) {
      List<SyncNotification> notifications = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        notifications.add(sized(round * 20 + i, 500));
      }
      bus.publish(notifications);
    }
    EmbeddedBus embedded = (EmbeddedBus) bus;
    int segmentsBefore = embedded.segmentCount();
    assertThat(segmentsBefore).isGreaterThan(10);

    BusConsumer writers = bus.subscribe(WRITERS);
    BusConsumer auditors = bus.subscribe("auditors");
    writers.acknowledge(drain(writers));
    assertThat(embedded.segmentCount())
        .as("the auditors have consumed nothing yet")
        .isEqualTo(segmentsBefore);
    auditors.acknowledge(drain(auditors));

    assertThat(embedded.segmentCount()).isEqualTo(2);
    assertThat(bus.pending(WRITERS)).isZero();
    restart();
    assertThat(drain(bus.subscribe(WRITERS))).isEmpty();
    assertThat(bus.endOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
  }

  @Test
  void pendingPayloadRefsScanOnWhileTheWriterDeletesConsumedSegments() throws Exception {
    options = new EmbeddedBusOptions(2, 1024);
    bus = open();
    int count = 600;
    for (int first = 0; first < count; first += 50) {
      List<SyncNotification> notifications = new ArrayList<>();
      for (int i = first; i < first + 50; i++) {
        notifications.add(TestNotifications.claimChecked(i));
      }
      bus.publish(notifications);
    }
    EmbeddedBus embedded = (EmbeddedBus) bus;
    int segmentsBefore = embedded.segmentCount();
    Set<String> all = Set.copyOf(NotificationBusCompatibilityKit.refs(0, count));
    Set<String> acknowledging = ConcurrentHashMap.newKeySet(); // from before the call
    Set<String> acknowledged = ConcurrentHashMap.newKeySet(); // once it returned
    BusConsumer consumer = bus.subscribe(WRITERS);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              List<Delivery> polled;
              while (!(polled = consumer.poll(7, SHORT)).isEmpty()) {
                polled.forEach(d -> acknowledging.add(d.notification().payloadRef()));
                consumer.acknowledge(polled);
                polled.forEach(d -> acknowledged.add(d.notification().payloadRef()));
              }
            });

    int scans = 0;
    while (!writer.isDone() || scans == 0) {
      Set<String> before = Set.copyOf(acknowledged);
      Set<String> refs = bus.pendingPayloadRefs(WRITERS);
      Set<String> after = Set.copyOf(acknowledging);
      Set<String> stillPending = new HashSet<>(all);
      stillPending.removeAll(after);
      assertThat(refs)
          .as("every ref not acknowledged before the scan ended")
          .containsAll(stillPending);
      assertThat(refs)
          .as("no ref acknowledged before the scan began")
          .filteredOn(before::contains)
          .isEmpty();
      scans++;
    }
    writer.get();

    assertThat(scans).isGreaterThan(1);
    assertThat(embedded.segmentCount()).isLessThan(segmentsBefore);
    assertThat(bus.pendingPayloadRefs(WRITERS)).isEmpty();
  }

  @Test
  void theRecordsOfAReopenedBusKeepTheirOffsets() {
    options = new EmbeddedBusOptions(3, 4 * 1024);
    bus = open();
    bus.publish(batch(0, 200));
    var before = bus.endOffsets();
    restart();
    assertThat(bus.endOffsets()).isEqualTo(before);
    assertThat(drain(bus.subscribe(WRITERS))).hasSize(200);
  }

  @Test
  void thePartitionCountIsFixedWhenTheBusIsCreated() {
    options = new EmbeddedBusOptions(3, EmbeddedBusOptions.DEFAULT_SEGMENT_BYTES);
    bus = open();
    bus.close();
    options = new EmbeddedBusOptions(8, EmbeddedBusOptions.DEFAULT_SEGMENT_BYTES);
    bus = open();
    assertThat(((EmbeddedBus) bus).partitions()).isEqualTo(3);
  }

  @Test
  void aBusIsOpenOnlyOnceAtATime() {
    bus = open();
    assertThatThrownBy(this::open)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is open elsewhere");
    assertThatThrownBy(
            () -> new EmbeddedBusProvider().delete(TestNotifications.PROFILE, dataDirectory))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aGroupHasOneMemberAtATime() {
    bus = open();
    BusConsumer first = bus.subscribe(WRITERS);
    assertThatThrownBy(() -> bus.subscribe(WRITERS)).hasMessageContaining("already has a member");
    first.close();
    bus.subscribe(WRITERS).close();
  }

  @Test
  void groupNamesNeedNotBeFileNames() {
    bus = open();
    bus.publish(batch(0, 5));
    String group = "../writers/ü %2F.";
    BusConsumer consumer = bus.subscribe(group);
    consumer.acknowledge(drain(consumer));
    restart();
    assertThat(bus.pending(group)).isZero();
    assertThat(bus.pending(WRITERS)).isEqualTo(5);
  }

  @Test
  void theProviderIsFoundByNameAndDeletesAProfilesBus() {
    NotificationBusProvider provider =
        ServiceLoader.load(NotificationBusProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("embedded"))
            .findFirst()
            .orElseThrow();
    NotificationBus opened = provider.open("profile-2", Map.of(), dataDirectory);
    opened.publish(batch(0, 3));
    opened.close();
    assertThat(dataDirectory.resolve("bus/profile-2")).isDirectory();

    provider.delete("profile-2", Map.of(), dataDirectory);

    assertThat(dataDirectory.resolve("bus/profile-2")).doesNotExist();
    assertThatThrownBy(() -> provider.open("../escape", Map.of(), dataDirectory))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
