package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.Lease;
import io.dataexport.api.store.ParkedNotification;
import io.dataexport.api.store.WriteOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store compatibility kits against the shared store on the real PostgreSQL. */
class PostgresqlStoreTest {
  @Test
  void aStoreOpenedWithAnotherEncryptionKeyIsRefusedSayingWhatToRestore(@TempDir Path data) {
    try (PostgresqlStoreFixture fixture = new PostgresqlStoreFixture(data)) {
      fixture.open().close();
      byte[] otherKey = new byte[32];

      assertThatThrownBy(() -> JdbcConfigStore.open(fixture.location(otherKey), data))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("store.encryptionKey is not the key")
          .hasMessageNotContaining("password");
    }
  }

  /**
   * A retry on one node writes a parked notification to the destination while a full read of its
   * entity begins on another: the read's supersede waits for the write to end (so the write lands
   * before the read's start), and the entry counts as succeeded once, whichever removes it.
   */
  @Test
  void aSupersedeOnAnotherNodeWaitsForARetrysWriteAndTheEntryCountsOnce(@TempDir Path data)
      throws Exception {
    try (PostgresqlStoreFixture fixture = new PostgresqlStoreFixture(data);
        JdbcConfigStore leading = fixture.open();
        JdbcConfigStore reading = fixture.open();
        var pool = Executors.newSingleThreadExecutor()) {
      String profileId = leading.create("sales", ConfigStoreKit.DOCUMENT).id();
      ParkedNotification entry =
          FailureStoreKit.parkedOf(
              profileId, profileId + "/parked/account/k", Instant.parse("2025-01-01T00:00:00Z"));
      leading
          .failures()
          .record(new WriteOutcome(profileId, "account", 0, List.of(entry), List.of(), null));
      CountDownLatch writing = new CountDownLatch(1);
      AtomicBoolean written = new AtomicBoolean();
      AtomicBoolean supersedeReturned = new AtomicBoolean();

      Future<Boolean> retry =
          pool.submit(
              () ->
                  leading
                      .failures()
                      .whileParked(
                          entry,
                          () -> {
                            writing.countDown();
                            // the other node's supersede is under way meanwhile, and must wait
                            sleep(1500);
                            assertThat(supersedeReturned).isFalse();
                            written.set(true);
                          }));
      writing.await();
      List<ParkedNotification> superseded =
          reading.failures().supersedeParked(profileId, "account");
      supersedeReturned.set(true);

      assertThat(retry.get()).isTrue();
      assertThat(written).as("the write ended before the supersede returned").isTrue();
      boolean applied = leading.failures().applied(entry);
      assertThat(superseded.size() + (applied ? 1 : 0)).as("removed once").isEqualTo(1);
      assertThat(reading.entityState(profileId, "account").orElseThrow().succeededNotifications())
          .isEqualTo(1);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A page of a long failure log, of a profile or of one of its entities, is read from an index in
   * id order: neither the whole log nor a sort (the store's own page queries, as PostgreSQL plans
   * them once it knows the table's size).
   */
  @Test
  void aPageOfALongFailureLogIsReadFromAnIndexWithoutASort(@TempDir Path data) {
    try (PostgresqlStoreFixture fixture = new PostgresqlStoreFixture(data);
        JdbcConfigStore store = fixture.open()) {
      String sales = store.create("sales", ConfigStoreKit.DOCUMENT).id();
      String other = store.create("other", ConfigStoreKit.DOCUMENT).id();
      // the profile paged through is a small part of the log: no scan of the whole log in id order
      for (Map.Entry<String, Integer> profile : Map.of(sales, 2000, other, 98000).entrySet()) {
        fixture.executeInStore(
            "INSERT INTO failure_log (profile_id, entity, record_id, change_type, sync_time,"
                + " reason, attempts, first_failed_at, failed_at)"
                + " SELECT '"
                + profile.getKey()
                + "', (ARRAY['account', 'contact', 'lead', 'opportunity'])[1 + n % 4],"
                + " 'record-' || n, 'UPSERT', n, 'refused', 1, n, n"
                + " FROM generate_series(1, "
                + profile.getValue()
                + ") AS n");
      }
      fixture.executeInStore("ANALYZE failure_log");

      String ofProfile =
          String.join(
              "\n",
              fixture.queryInStore(
                  "EXPLAIN SELECT id FROM failure_log WHERE profile_id = '"
                      + sales
                      + "' AND id > 100 ORDER BY id LIMIT 25"));
      String ofEntity =
          String.join(
              "\n",
              fixture.queryInStore(
                  "EXPLAIN SELECT id FROM failure_log WHERE profile_id = '"
                      + sales
                      + "' AND entity = 'lead' AND id > 100 ORDER BY id LIMIT 25"));

      assertThat(ofProfile).contains("failure_log_by_profile").doesNotContain("Sort");
      assertThat(ofEntity).contains("failure_log_by_entity").doesNotContain("Sort");
    }
  }

  /**
   * The race the lease row's share lock closes, made certain: a trigger holds a fenced save between
   * its lease check and its commit until the lease has lapsed, while another node takes the lease
   * over. The takeover waits for the save to commit, so the new holder finds it.
   */
  @Test
  void aTakeoverWaitsForAFencedWriteThatCheckedTheLeaseBeforeItLapsed(@TempDir Path data)
      throws Exception {
    try (PostgresqlStoreFixture fixture = new PostgresqlStoreFixture(data);
        JdbcConfigStore nodeA = fixture.open();
        JdbcConfigStore nodeB = fixture.open();
        var pool = Executors.newSingleThreadExecutor()) {
      String profileId = nodeA.create("sales", ConfigStoreKit.DOCUMENT).id();
      fixture.executeInStore(
          "CREATE FUNCTION slow_entity_state() RETURNS trigger LANGUAGE plpgsql AS"
              + " $$ BEGIN PERFORM pg_sleep(2.5); RETURN NEW; END $$");
      fixture.executeInStore(
          "CREATE TRIGGER slow_entity_state BEFORE INSERT OR UPDATE ON entity_sync_state"
              + " FOR EACH ROW EXECUTE FUNCTION slow_entity_state()");
      Duration leaseDuration = Duration.ofMillis(1200);
      long acquiredAt = System.nanoTime();
      Lease former =
          nodeA.leases().acquire("reader/sales/account", "node-a", leaseDuration).orElseThrow();

      Future<?> save =
          pool.submit(
              () ->
                  nodeA
                      .fencedBy(former)
                      .saveCursor(
                          profileId,
                          "account",
                          ChangeCursor.start(),
                          InitialSyncState.IN_PROGRESS,
                          1,
                          -1));
      Thread.sleep(leaseDuration.toMillis() + 200 - (System.nanoTime() - acquiredAt) / 1_000_000);
      Optional<Lease> taken;
      do {
        taken = nodeB.leases().acquire("reader/sales/account", "node-b", Duration.ofMinutes(5));
      } while (taken.isEmpty());
      Optional<EntitySyncState> atTakeover = nodeB.entityState(profileId, "account");
      save.get(); // the save succeeded: so it must have been before the takeover

      assertThat(taken.get().token()).isGreaterThan(former.token());
      assertThat(atTakeover)
          .as(
              "the former holder's save, checked before its lease lapsed, committed before the takeover")
          .hasValueSatisfying(state -> assertThat(state.fenceToken()).isEqualTo(former.token()));
    }
  }

  @Nested
  class Profiles extends ConfigStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Failures extends FailureStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class FailureResyncs extends FailureResyncStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Audit extends AuditLogKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class LeaseTable extends LeasesKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Keys extends ApiKeysKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Nodes extends ClusterNodesKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }

  @Nested
  class Fencing extends FencedStoreKit {
    @Override
    StoreFixture fixture(Path dataDirectory) {
      return new PostgresqlStoreFixture(dataDirectory);
    }
  }
}
