package io.dataexport.store.bus;

import static io.dataexport.store.bus.TestNotifications.batch;
import static io.dataexport.store.bus.TestNotifications.claimChecked;
import static io.dataexport.store.bus.TestNotifications.numbered;
import static io.dataexport.store.bus.TestNotifications.payloadRef;
import static io.dataexport.store.bus.TestNotifications.recordNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationBus} must do, whatever keeps it. A bus kind passes by extending
 * this class (from any module: it is in dataexport-store's test-jar) and saying how to open its
 * bus; {@link #open()} must open the same bus each time, so that closing and opening again is a
 * restart. A bus over the network says with {@link #quiet()} how long a poll must stay empty before
 * nothing more is coming.
 */
public abstract class NotificationBusCompatibilityKit {
  protected static final Duration SHORT = Duration.ofMillis(200);
  protected static final String WRITERS = "writers";

  protected NotificationBus bus;

  /** Opens the bus under test (the same one on every call). */
  protected abstract NotificationBus open();

  /**
   * How long a poll waits before an empty answer means that nothing more is coming: {@link #SHORT}
   * for a local bus; longer for one whose new members first join a group over the network.
   */
  protected Duration quiet() {
    return SHORT;
  }

  @AfterEach
  public void closeBus() {
    if (bus != null) {
      bus.close();
    }
  }

  protected void restart() {
    bus.close();
    bus = open();
  }

  /** Polls until nothing more comes within {@link #quiet()}. */
  protected List<Delivery> drain(BusConsumer consumer) {
    List<Delivery> all = new ArrayList<>();
    List<Delivery> polled;
    while (!(polled = consumer.poll(500, quiet())).isEmpty()) {
      all.addAll(polled);
    }
    return all;
  }

  protected static List<Integer> recordNumbers(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> recordNumber(d.notification())).sorted().toList();
  }

  @Test
  public void everyPayloadFormComesBackExactly() {
    bus = open();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", "Zoë Ünïcødé 東京 🚀 \"quoted\" \\ \n");
    payload.put("empty", "");
    payload.put("count", 42L);
    payload.put("big", Long.MAX_VALUE);
    payload.put("negative", -7L);
    payload.put("price", new BigDecimal("12.3400"));
    payload.put("whole", new BigDecimal("5"));
    payload.put("thousands", new BigDecimal("1E+3"));
    payload.put("tiny", new BigDecimal("-0.000000123"));
    payload.put("active", true);
    payload.put("missing", null);
    payload.put("choices", "1,3");
    payload.put("createdon", "2024-02-29T23:59:59Z");
    payload.put(
        "parentaccountid",
        Map.of("id", "5a6f0c1e-0000-0000-0000-000000000001", "logicalName", "account"));
    SyncNotification upsert =
        new SyncNotification(
            "profile-1",
            "account",
            UUID.randomUUID(),
            Operation.UPSERT,
            987654321L,
            Instant.parse("2025-06-30T12:00:00.123456789Z"),
            payload);
    SyncNotification delete =
        new SyncNotification(
            "profile-1", "contact", UUID.randomUUID(), Operation.DELETE, 3, Instant.now(), null);

    bus.publish(List.of(upsert, delete));
    List<Delivery> deliveries = drain(bus.subscribe(WRITERS));

    assertThat(deliveries)
        .extracting(Delivery::notification)
        .containsExactlyInAnyOrder(upsert, delete);
    Map<String, Object> back =
        deliveries.stream()
            .map(Delivery::notification)
            .filter(n -> n.operation() == Operation.UPSERT)
            .findFirst()
            .orElseThrow()
            .payload();
    assertThat(back.keySet()).containsExactlyElementsOf(payload.keySet());
    assertThat(back.get("count")).isInstanceOf(Long.class);
    assertThat(back.get("price")).isInstanceOf(BigDecimal.class);
    assertThat(((BigDecimal) back.get("price")).scale()).isEqualTo(4);
    assertThat(back.get("whole")).isEqualTo(new BigDecimal("5")).isInstanceOf(BigDecimal.class);
    assertThat(back.get("thousands")).isEqualTo(new BigDecimal("1E+3"));
    assertThat(back.get("parentaccountid")).isInstanceOf(Map.class);
    assertThat(back).containsEntry("missing", null);
  }

  @Test
  public void changesOfOneRecordArriveInPublishOrder() {
    bus = open();
    for (int version = 1; version <= 30; version++) {
      List<SyncNotification> round = new ArrayList<>();
      for (int record = 0; record < 20; record++) {
        round.add(numbered(record, version));
      }
      bus.publish(round);
    }

    List<Delivery> deliveries = drain(bus.subscribe(WRITERS));

    assertThat(deliveries).hasSize(600);
    Map<UUID, Long> lastVersion = new HashMap<>();
    Map<Integer, Long> lastOffset = new HashMap<>();
    for (Delivery delivery : deliveries) {
      SyncNotification notification = delivery.notification();
      long previous = lastVersion.getOrDefault(notification.recordId(), 0L);
      assertThat(notification.version()).isEqualTo(previous + 1);
      lastVersion.put(notification.recordId(), notification.version());
      assertThat(delivery.offset())
          .isGreaterThan(lastOffset.getOrDefault(delivery.partition(), -1L));
      lastOffset.put(delivery.partition(), delivery.offset());
    }
  }

  @Test
  public void unacknowledgedDeliveriesComeAgainAfterARestartAndAcknowledgedOnesNever() {
    bus = open();
    bus.publish(batch(0, 10));
    BusConsumer consumer = bus.subscribe(WRITERS);
    consumer.acknowledge(drain(consumer));
    bus.publish(batch(10, 10));
    assertThat(recordNumbers(drain(consumer))).hasSize(10);

    restart();
    BusConsumer again = bus.subscribe(WRITERS);
    List<Delivery> redelivered = drain(again);
    assertThat(recordNumbers(redelivered)).containsExactlyElementsOf(range(10, 20));

    again.acknowledge(redelivered);
    restart();
    assertThat(drain(bus.subscribe(WRITERS))).isEmpty();
  }

  @Test
  public void releasedDeliveriesComeAgainWithTheLaterOnesOfTheirPartition() {
    bus = open();
    bus.publish(batch(0, 40));
    BusConsumer consumer = bus.subscribe(WRITERS);
    List<Delivery> first = drain(consumer);
    Delivery released = first.stream().filter(d -> d.offset() > 0).findFirst().orElseThrow();

    consumer.release(List.of(released));
    List<Delivery> again = drain(consumer);

    assertThat(again)
        .containsExactlyInAnyOrderElementsOf(
            first.stream()
                .filter(d -> d.partition() == released.partition())
                .filter(d -> d.offset() >= released.offset())
                .toList());
  }

  @Test
  public void acknowledgedDeliveriesAreSkippedWhenReleasedOnesComeAgain() {
    bus = open();
    bus.publish(batch(0, 40));
    BusConsumer consumer = bus.subscribe(WRITERS);
    List<Delivery> all = drain(consumer);
    List<Delivery> even =
        all.stream().filter(d -> recordNumber(d.notification()) % 2 == 0).toList();
    List<Delivery> odd = all.stream().filter(d -> recordNumber(d.notification()) % 2 == 1).toList();

    consumer.acknowledge(even);
    consumer.release(all);
    List<Delivery> again = drain(consumer);

    assertThat(again).containsExactlyInAnyOrderElementsOf(odd);
    consumer.acknowledge(again);
    assertThat(bus.pending(WRITERS)).isZero();
    restart();
    assertThat(drain(bus.subscribe(WRITERS))).isEmpty();
  }

  @Test
  public void concurrentPublishersLoseNothing() throws Exception {
    bus = open();
    int threads = 8;
    int batches = 40;
    int size = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < batches; b++) {
                    bus.publish(batch((thread * batches + b) * size, size));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }

    int total = threads * batches * size;
    assertThat(bus.pending(WRITERS)).isEqualTo(total);
    assertThat(recordNumbers(drain(bus.subscribe(WRITERS))))
        .containsExactlyElementsOf(range(0, total));
  }

  @Test
  public void pendingIsPublishedMinusAcknowledged() {
    bus = open();
    assertThat(bus.pending(WRITERS)).isZero();
    bus.publish(batch(0, 25));
    assertThat(bus.pending(WRITERS)).isEqualTo(25);
    BusConsumer consumer = bus.subscribe(WRITERS);
    List<Delivery> deliveries = drain(consumer);
    assertThat(bus.pending(WRITERS)).isEqualTo(25);

    // Deliveries come in offset order per partition, so the first ten are contiguous in each.
    consumer.acknowledge(deliveries.subList(0, 10));
    assertThat(bus.pending(WRITERS)).isEqualTo(15);
    consumer.acknowledge(deliveries);
    assertThat(bus.pending(WRITERS)).isZero();
    assertThat(bus.pending("auditors")).isEqualTo(25);
    assertThat(bus.committedOffsets(WRITERS)).isEqualTo(bus.endOffsets());
  }

  @Test
  public void pendingPayloadRefsAreThoseOfTheNotificationsTheGroupHasNotAcknowledged() {
    bus = open();
    assertThat(bus.pendingPayloadRefs(WRITERS)).isEmpty();
    List<SyncNotification> first = new ArrayList<>(batch(0, 10));
    for (int i = 100; i < 110; i++) {
      first.add(claimChecked(i));
    }
    bus.publish(first);
    assertThat(bus.pendingPayloadRefs(WRITERS)).containsExactlyInAnyOrderElementsOf(refs(100, 110));

    BusConsumer consumer = bus.subscribe(WRITERS);
    List<Delivery> polled = drain(consumer);
    assertThat(bus.pendingPayloadRefs(WRITERS))
        .as("polled is not acknowledged")
        .containsExactlyInAnyOrderElementsOf(refs(100, 110));
    consumer.acknowledge(polled);
    bus.publish(List.of(claimChecked(110), claimChecked(111), numbered(11, 1)));

    assertThat(bus.pendingPayloadRefs(WRITERS)).containsExactlyInAnyOrderElementsOf(refs(110, 112));
    assertThat(bus.pendingPayloadRefs("auditors"))
        .as("a group that never subscribed has everything kept to handle")
        .containsAll(refs(110, 112));
    List<Delivery> later = drain(consumer);
    assertThat(later).as("the scan moved nothing").hasSize(3);
    consumer.release(later);
    assertThat(bus.pendingPayloadRefs(WRITERS)).containsExactlyInAnyOrderElementsOf(refs(110, 112));
    consumer.acknowledge(drain(consumer));
    assertThat(bus.pendingPayloadRefs(WRITERS)).isEmpty();
  }

  @Test
  public void pendingPayloadRefsSurviveARestart() {
    bus = open();
    bus.publish(List.of(claimChecked(1), claimChecked(2), numbered(3, 1)));
    BusConsumer consumer = bus.subscribe(WRITERS);
    List<Delivery> polled = drain(consumer);
    consumer.acknowledge(
        polled.stream().filter(d -> d.notification().payloadRef() == null).toList());

    restart();

    assertThat(bus.pendingPayloadRefs(WRITERS))
        .containsExactlyInAnyOrder(payloadRef(1), payloadRef(2));
    BusConsumer again = bus.subscribe(WRITERS);
    again.acknowledge(drain(again));
    assertThat(bus.pendingPayloadRefs(WRITERS)).isEmpty();
  }

  protected static List<String> refs(int from, int to) {
    return range(from, to).stream().map(TestNotifications::payloadRef).toList();
  }

  @Test
  public void aWaitingPollReturnsAsSoonAsSomethingIsPublished() throws Exception {
    bus = open();
    BusConsumer consumer = bus.subscribe(WRITERS);
    long started = System.nanoTime();
    assertThat(consumer.poll(10, Duration.ofMillis(300))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(250));

    CompletableFuture<List<Delivery>> waiting =
        CompletableFuture.supplyAsync(() -> consumer.poll(10, Duration.ofSeconds(20)));
    Thread.sleep(200);
    started = System.nanoTime();
    bus.publish(batch(0, 3));
    List<Delivery> deliveries = waiting.get();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(deliveries).isNotEmpty();
  }

  @Test
  public void pollsTakeFromEveryPartitionInTurn() {
    bus = open();
    bus.publish(batch(0, 400));
    BusConsumer consumer = bus.subscribe(WRITERS);

    List<Delivery> few = consumer.poll(8, quiet());

    assertThat(few).hasSize(8);
    long partitionsWithData = bus.endOffsets().values().stream().filter(end -> end > 0).count();
    assertThat(few.stream().map(Delivery::partition).distinct().count())
        .isEqualTo(Math.min(8, partitionsWithData));
  }

  protected static List<Integer> range(int from, int to) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = from; i < to; i++) {
      numbers.add(i);
    }
    return numbers;
  }
}
