package io.dataexport.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.bus.Delivery;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.sync.BatchApplier.Failure;
import io.dataexport.core.sync.BatchApplier.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The writer's first try of a batch: what is split, and what is reported how. */
class BatchApplierTest {
  private final FakeDestination destination = new FakeDestination();
  private final BatchApplier applier =
      new BatchApplier(
          destination, new RefusedDeletes("p", SyncMeters.none()), Duration.ZERO, () -> true);
  private final EntitySchema schema = new FakeSource().describe(FakeSource.ENTITY);

  @Test
  void aLockedRecordIsSplitOffAndTheOthersApply() {
    List<Item> items = items(8);
    UUID locked = items.get(5).notification().recordId();
    destination.failTransiently(n -> n.recordId().equals(locked));

    BatchApplier.Result result = applier.apply(schema, items);

    assertThat(result.applied()).hasSize(7);
    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.transientFailure()).isTrue())
        .satisfies(f -> assertThat(f.unavailable()).isFalse());
    assertThat(result.destinationUnavailable()).isFalse();
  }

  @Test
  void anUnavailableDestinationIsRepeatedOnceButNotSplitAndNoRecordIsToBlame() {
    List<Item> items = items(8);
    destination.failUnavailable(n -> true);

    BatchApplier.Result result = applier.apply(schema, items);

    assertThat(destination.applies()).as("the try and its quick repeat").isEqualTo(2);
    assertThat(result.applied()).isEmpty();
    assertThat(result.failures()).hasSize(8).allMatch(Failure::unavailable);
    assertThat(result.destinationUnavailable()).isTrue();
  }

  private static List<Item> items(int count) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SyncNotification notification =
          new SyncNotification(
              "p",
              FakeSource.ENTITY,
              UUID.randomUUID(),
              Operation.UPSERT,
              i + 1,
              Instant.now(),
              Map.of("name", "account " + i));
      items.add(new Item(new Delivery(notification, 0, i), notification));
    }
    return items;
  }
}
