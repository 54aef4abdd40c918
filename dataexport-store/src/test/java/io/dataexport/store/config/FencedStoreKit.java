package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.RetriableException;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.Lease;
import io.dataexport.api.store.LeaseLostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link ConfigStore#fencedBy}: an entity's read progress is written only
 * while the lease it is fenced by holds, checked in the write's own transaction, so a paused former
 * holder cannot write after another node took its lease over.
 */
abstract class FencedStoreKit extends StoreKit {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Instant START = Instant.parse("2025-01-01T00:00:00.000001Z");

  private String profileId;

  @BeforeEach
  void createProfile() {
    profileId = store.create("sales", ConfigStoreKit.DOCUMENT).id();
  }

  private static ChangeCursor cursor(long version) {
    return new ChangeCursor(ChangeCursor.Phase.DELTA, "link-" + version, version);
  }

  @Test
  void writesUnderAHeldLeaseSucceedAndTheCursorRecordsItsToken() {
    Lease lease = store.leases().acquire("reader/sales/account", "node-a", LONG).orElseThrow();
    ConfigStore fenced = store.fencedBy(lease);

    fenced.saveCursor(profileId, "account", cursor(7), InitialSyncState.IN_PROGRESS, 7, 10);
    fenced.markResync(profileId, "account", START);
    assertThat(fenced.markReexportPublished(profileId, "account", START)).isTrue();
    assertThat(fenced.finishReexport(profileId, "account", START)).isTrue();
    fenced.addCounts(profileId, "account", 3, 2, 1, null);

    EntitySyncState state = store.entityState(profileId, "account").orElseThrow();
    assertThat(state.cursor()).isEqualTo(cursor(7));
    assertThat(state.fenceToken()).isEqualTo(lease.token());
    assertThat(state.reexportStartedAt()).isNull();
    assertThat(state.totalNotifications()).isEqualTo(3);
    assertThat(fenced.entityState(profileId, "account")).contains(state);

    store.saveCursor(profileId, "account", cursor(8), InitialSyncState.IN_PROGRESS, 8, 10);
    assertThat(store.entityState(profileId, "account").orElseThrow().fenceToken())
        .as("saved unfenced")
        .isZero();
  }

  @Test
  void afterAnotherHolderTookTheLeaseEveryFencedWriteOfTheFormerFailsAndChangesNothing()
      throws InterruptedException {
    Lease former = store.leases().acquire("reader/sales/account", "node-a", SHORT).orElseThrow();
    ConfigStore fenced = store.fencedBy(former);
    fenced.saveCursor(profileId, "account", cursor(1), InitialSyncState.IN_PROGRESS, 1, 10);
    fenced.markResync(profileId, "account", START);
    Thread.sleep(SHORT.toMillis() + 200);
    Lease successor = store.leases().acquire("reader/sales/account", "node-b", LONG).orElseThrow();
    assertThat(successor.token()).isGreaterThan(former.token());
    EntitySyncState before = store.entityState(profileId, "account").orElseThrow();

    assertEveryProgressWriteIsRefused(fenced, former);

    assertThat(store.entityState(profileId, "account")).contains(before);
    store
        .fencedBy(successor)
        .saveCursor(profileId, "account", cursor(2), InitialSyncState.IN_PROGRESS, 2, 10);
    assertThat(store.entityState(profileId, "account").orElseThrow().fenceToken())
        .isEqualTo(successor.token());
  }

  @Test
  void afterItsLeaseWasReleasedAFencedStoreWritesNothingButTheStoreItselfStillDoes() {
    Lease lease = store.leases().acquire("reader/sales/account", "node-a", LONG).orElseThrow();
    ConfigStore fenced = store.fencedBy(lease);
    fenced.saveCursor(profileId, "account", cursor(1), InitialSyncState.IN_PROGRESS, 1, 10);
    fenced.markResync(profileId, "account", START);
    store.leases().release(lease);
    EntitySyncState before = store.entityState(profileId, "account").orElseThrow();

    assertEveryProgressWriteIsRefused(fenced, lease);

    assertThat(store.entityState(profileId, "account")).contains(before);
    store.saveCursor(profileId, "account", cursor(5), InitialSyncState.COMPLETED, 5, 5);
    store.addCounts(profileId, "account", 1, 1, 0, null);
    EntitySyncState after = store.entityState(profileId, "account").orElseThrow();
    assertThat(after.cursor()).isEqualTo(cursor(5));
    assertThat(after.totalNotifications()).isEqualTo(1);
    // reads and everything else go on as on the store
    assertThat(fenced.entityState(profileId, "account")).contains(after);
    assertThat(fenced.profile(profileId)).isPresent();
  }

  @Test
  void aLapsedLeaseFencesEvenBeforeAnotherNodeTakesIt() throws InterruptedException {
    Lease lease = store.leases().acquire("reader/sales/account", "node-a", SHORT).orElseThrow();
    ConfigStore fenced = store.fencedBy(lease);
    Thread.sleep(SHORT.toMillis() + 200);

    assertThatThrownBy(
            () ->
                fenced.saveCursor(
                    profileId, "account", cursor(1), InitialSyncState.IN_PROGRESS, 1, 10))
        .isInstanceOf(LeaseLostException.class);
    assertThat(store.entityState(profileId, "account")).isEmpty();
  }

  @Test
  void aLeaseOfTheSameNameAndTokenButAnotherHolderDoesNotPass() {
    Lease lease = store.leases().acquire("reader/sales/account", "node-a", LONG).orElseThrow();
    Lease forged = new Lease(lease.name(), "node-b", lease.token(), lease.expiresAt());
    Lease stale = new Lease(lease.name(), lease.holder(), lease.token() - 1, lease.expiresAt());

    for (Lease wrong : new Lease[] {forged, stale}) {
      assertThatThrownBy(
              () ->
                  store
                      .fencedBy(wrong)
                      .saveCursor(
                          profileId, "account", cursor(1), InitialSyncState.IN_PROGRESS, 1, 10))
          .isInstanceOf(LeaseLostException.class);
    }
    assertThat(store.entityState(profileId, "account")).isEmpty();
  }

  @Test
  void aFormerHolderRacingTheTakeoverNeverLeavesACursorSavedAfterIt() throws Exception {
    // A second store on the same database: its own connections, as another node would have.
    try (ConfigStore otherNode = fixture.open();
        var pool = Executors.newSingleThreadExecutor()) {
      for (int round = 0; round < 8; round++) {
        String entity = "entity" + round;
        String name = "reader/sales/" + entity;
        Lease former = store.leases().acquire(name, "node-a", SHORT).orElseThrow();
        ConfigStore fenced = store.fencedBy(former);
        fenced.saveCursor(profileId, entity, cursor(1), InitialSyncState.IN_PROGRESS, 1, -1);

        // node A keeps saving its progress, as fast as it can, until it learns it lost the lease
        Future<Long> lastSaved =
            pool.submit(
                () -> {
                  long saved = 1;
                  for (long i = 2; ; i++) {
                    try {
                      fenced.saveCursor(
                          profileId, entity, cursor(i), InitialSyncState.IN_PROGRESS, i, -1);
                      saved = i;
                    } catch (LeaseLostException lost) {
                      return saved;
                    } catch (RetriableException busy) {
                      // SQLite: the takeover wrote between this save's check and its write
                    }
                  }
                });
        // node B takes the lease over the moment it lapses
        Optional<Lease> taken;
        do {
          taken = otherNode.leases().acquire(name, "node-b", LONG);
        } while (taken.isEmpty());
        EntitySyncState atTakeover = otherNode.entityState(profileId, entity).orElseThrow();
        otherNode
            .fencedBy(taken.get())
            .saveCursor(profileId, entity, cursor(1_000_000), InitialSyncState.IN_PROGRESS, 0, -1);
        long lastSavedByA = lastSaved.get();

        assertThat(atTakeover.rowsRead())
            .as("round %d: A's last successful save is what B found on taking over", round)
            .isEqualTo(lastSavedByA);
        assertThat(atTakeover.fenceToken()).isEqualTo(former.token());
        EntitySyncState end = store.entityState(profileId, entity).orElseThrow();
        assertThat(end.cursor()).isEqualTo(cursor(1_000_000));
        assertThat(end.fenceToken()).isEqualTo(taken.get().token());
      }
    }
  }

  private void assertEveryProgressWriteIsRefused(ConfigStore fenced, Lease lease) {
    Consumer<ThrowingCallable> refused =
        write ->
            assertThatThrownBy(write)
                .isInstanceOf(LeaseLostException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining(lease.name())
                .satisfies(e -> assertThat(((LeaseLostException) e).lease()).isEqualTo(lease));
    refused.accept(
        () ->
            fenced.saveCursor(profileId, "account", cursor(9), InitialSyncState.COMPLETED, 9, 10));
    refused.accept(() -> fenced.markResync(profileId, "account", null));
    refused.accept(() -> fenced.markReexportPublished(profileId, "account", START));
    refused.accept(() -> fenced.finishReexport(profileId, "account", START));
    refused.accept(() -> fenced.addCounts(profileId, "account", 5, 5, 0, Instant.now()));
  }
}
