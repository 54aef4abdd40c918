package io.dataexport.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.sample.SampleData;
import io.dataexport.emulator.sample.SampleOrganisation;
import io.dataexport.emulator.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntityTableTest {
  private final MutableClock clock = new MutableClock();
  private final OrganisationStore store =
      new OrganisationStore(
          new SampleData(SampleOrganisation.metadata(), 1, 10_000_000), clock, Duration.ofHours(1));
  private final EntityDefinition account = store.metadata().entity("account").orElseThrow();
  private final EntityTable table = store.table("account");

  @Test
  void tenMillionSeededRowsArePagedWithoutBeingHeldInMemory() {
    Runtime runtime = Runtime.getRuntime();
    EntityTable.Page middle = table.scan(5_000_000, 5000);

    assertThat(table.liveCount()).isEqualTo(10_000_000);
    assertThat(middle.records()).hasSize(5000);
    assertThat(middle.records().get(0).id())
        .isEqualTo(store.sampleData().seedId("account", 5_000_000));
    assertThat(middle.next()).isEqualTo(5_005_000);
    // The whole organisation (5 entities x 10M rows) is derived, not stored: far below 1 GB.
    assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(1L << 30);
  }

  @Test
  void changesAreListedByVersionAndDeletesLeaveTombstones() {
    long before = table.visibleVersion();
    UUID seeded = store.sampleData().seedId("account", 3);
    StoredRecord created = store.create(account, newAccount());
    store.update(account, seeded, Map.of(account.indexOf("name"), "Renamed"));
    store.delete(account, created.id());

    EntityTable.Page changed = table.changes(before, table.visibleVersion(), false, before, 100);
    EntityTable.Page deleted = table.changes(before, table.visibleVersion(), true, before, 100);

    assertThat(changed.records()).extracting(StoredRecord::id).containsExactly(seeded);
    assertThat(deleted.records()).extracting(StoredRecord::id).containsExactly(created.id());
    assertThat(table.liveCount()).isEqualTo(10_000_000);
    assertThat(table.get(seeded).orElseThrow().values()[account.indexOf("name")])
        .isEqualTo("Renamed");
  }

  @Test
  void aDeletedSeededRowDisappearsFromScansAndCounts() {
    UUID third = store.sampleData().seedId("account", 2);
    store.delete(account, third);

    assertThat(table.scan(0, 5).records())
        .extracting(StoredRecord::id)
        .doesNotContain(third)
        .hasSize(5);
    assertThat(table.get(third)).isEmpty();
    assertThat(table.liveCount()).isEqualTo(9_999_999);
  }

  @Test
  void historyOlderThanTheRetentionIsForgotten() {
    long before = table.visibleVersion();
    StoredRecord created = store.create(account, newAccount());
    store.delete(account, created.id());
    clock.advance(Duration.ofHours(2));

    store.forgetExpiredChanges();

    assertThat(table.countChanges(before, table.visibleVersion())).isZero();
    assertThat(table.scan(10_000_000, 10).records()).isEmpty();
  }

  private Object[] newAccount() {
    return store.sampleData().newRecord(account, new SplittableRandom(1), UUID.randomUUID());
  }
}
