package io.dataexport.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.DuplicateProfileNameException;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.api.store.NoEntityStateException;
import io.dataexport.api.store.StoredProfile;
import io.dataexport.api.store.UnknownProfileException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit of {@link ConfigStore}: what every kind of config store (embedded SQLite,
 * shared PostgreSQL) must do alike, run by {@link SqliteStoreTest} and {@link PostgresqlStoreTest}.
 */
abstract class ConfigStoreKit extends StoreKit {
  static final String DOCUMENT = "{\"name\":\"sales\",\"entities\":[\"account\"]}";

  @Test
  void aCreatedProfileCanBeReadByIdAndByName() {
    StoredProfile created = store.create("sales", DOCUMENT);

    assertThat(created.id()).matches("[0-9a-f-]{36}");
    assertThat(created.state()).isEqualTo(ProfileState.CREATED);
    assertThat(created.createdAt()).isEqualTo(created.updatedAt());
    assertThat(store.profile(created.id())).contains(created);
    assertThat(store.profileByName("sales")).contains(created);
    assertThat(store.profile("no-such-id")).isEmpty();
    assertThat(created.toString()).doesNotContain("entities");
  }

  @Test
  void profilesAreListedOldestFirst() {
    StoredProfile first = store.create("first", DOCUMENT);
    StoredProfile second = store.create("second", DOCUMENT);
    assertThat(store.profiles()).containsExactly(first, second);
  }

  @Test
  void aSecondProfileOfTheSameNameIsRefused() {
    store.create("sales", DOCUMENT);

    assertThatThrownBy(() -> store.create("Sales", DOCUMENT))
        .isInstanceOf(DuplicateProfileNameException.class)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("name = 'Sales'")
        .hasMessageContaining("exists already");
    assertThat(store.profiles()).hasSize(1);
  }

  @Test
  void documentsAndNamesCanBeReplaced() throws InterruptedException {
    StoredProfile created = store.create("sales", DOCUMENT);
    store.create("support", DOCUMENT);
    Thread.sleep(2);

    store.updateDocument(created.id(), "{\"v\":2}");
    StoredProfile updated = store.profile(created.id()).orElseThrow();
    assertThat(updated.documentJson()).isEqualTo("{\"v\":2}");
    assertThat(updated.name()).isEqualTo("sales");
    assertThat(updated.updatedAt()).isAfter(created.updatedAt());

    store.update(created.id(), "sales-eu", "{\"v\":3}");
    assertThat(store.profileByName("sales-eu").orElseThrow().documentJson()).isEqualTo("{\"v\":3}");
    store.update(created.id(), "SALES-EU", "{\"v\":4}");
    assertThatThrownBy(() -> store.update(created.id(), "support", "{}"))
        .isInstanceOf(DuplicateProfileNameException.class);
    assertThatThrownBy(() -> store.updateDocument("missing", "{}"))
        .isInstanceOf(UnknownProfileException.class)
        .hasMessageContaining("'missing'");
  }

  @Test
  void stateChangesAreKept() {
    StoredProfile created = store.create("sales", DOCUMENT);

    store.setState(created.id(), ProfileState.ACTIVE);
    assertThat(store.profile(created.id()).orElseThrow().state()).isEqualTo(ProfileState.ACTIVE);
    store.setState(created.id(), ProfileState.INACTIVE);
    assertThat(store.profile(created.id()).orElseThrow().state()).isEqualTo(ProfileState.INACTIVE);
    assertThatThrownBy(() -> store.setState("missing", ProfileState.ACTIVE))
        .isInstanceOf(UnknownProfileException.class);
  }

  @Test
  void aSavedCursorComesBackWithItsPhaseLinkAndHighWaterVersion() {
    String id = store.create("sales", DOCUMENT).id();
    ChangeCursor initial =
        new ChangeCursor(
            ChangeCursor.Phase.INITIAL, "https://org/api/data/v9.2/accounts?$skiptoken=abc", 17);
    ChangeCursor delta =
        new ChangeCursor(
            ChangeCursor.Phase.DELTA,
            "https://org/api/data/v9.2/accounts?$deltatoken=919042!08/22/2025 08:10:44",
            919042);

    store.saveCursor(id, "account", initial, InitialSyncState.IN_PROGRESS, 5000, 12000);
    EntitySyncState saved = store.entityState(id, "account").orElseThrow();
    assertThat(saved.cursor()).isEqualTo(initial);
    assertThat(saved.initialSyncState()).isEqualTo(InitialSyncState.IN_PROGRESS);
    assertThat(saved.rowsRead()).isEqualTo(5000);
    assertThat(saved.estimatedTotal()).isEqualTo(12000);

    store.addCounts(id, "account", 10, 9, 1, null);
    store.saveCursor(id, "account", delta, InitialSyncState.COMPLETED, 12000, 12000);
    EntitySyncState later = store.entityState(id, "account").orElseThrow();
    assertThat(later.cursor()).isEqualTo(delta);
    assertThat(later.initialSyncState()).isEqualTo(InitialSyncState.COMPLETED);
    assertThat(later.totalNotifications()).as("counters survive a cursor save").isEqualTo(10);
  }

  @Test
  void anEntityWithOnlyCountersStartsFromTheBeginning() {
    String id = store.create("sales", DOCUMENT).id();
    Instant synced = Instant.parse("2025-03-04T05:06:07.123456Z");

    store.addCounts(id, "contact", 3, 2, 1, synced);

    EntitySyncState state = store.entityState(id, "contact").orElseThrow();
    assertThat(state.cursor()).isEqualTo(ChangeCursor.start());
    assertThat(state.initialSyncState()).isEqualTo(InitialSyncState.NOT_STARTED);
    assertThat(state.estimatedTotal()).isEqualTo(-1);
    assertThat(state.reexportStartedAt()).isNull();
    assertThat(state.lastSyncedAt()).isEqualTo(synced);
    assertThat(state.updatedAt()).isNotNull();
    assertThat(store.entityState(id, "lead")).isEmpty();
  }

  @Test
  void aReexportIsMarkedAndCleared() {
    String id = store.create("sales", DOCUMENT).id();
    Instant started = Instant.parse("2025-01-01T00:00:00.000001Z");

    store.markResync(id, "account", started);
    assertThat(store.entityState(id, "account").orElseThrow().reexportStartedAt())
        .isEqualTo(started);
    store.markResync(id, "account", null);
    assertThat(store.entityState(id, "account").orElseThrow().reexportStartedAt()).isNull();
  }

  @Test
  void aPublishedReadIsFinishedOnlyByTheReadThatPublishedIt() {
    String id = store.create("sales", DOCUMENT).id();
    Instant first = Instant.parse("2025-01-01T00:00:00.000001Z");
    Instant second = Instant.parse("2025-01-01T00:05:00Z");
    store.markResync(id, "account", first);

    assertThat(store.markReexportPublished(id, "account", first)).isTrue();
    assertThat(store.entityState(id, "account").orElseThrow().reexportPublishedAt()).isNotNull();
    // a new read begins before the first one was completed: the old completion changes nothing
    store.markResync(id, "account", second);
    EntitySyncState restarted = store.entityState(id, "account").orElseThrow();
    assertThat(restarted.reexportPublishedAt()).isNull();
    assertThat(store.finishReexport(id, "account", first)).isFalse();
    assertThat(store.markReexportPublished(id, "account", first)).isFalse();

    assertThat(store.markReexportPublished(id, "account", second)).isTrue();
    assertThat(store.finishReexport(id, "account", second)).isTrue();
    EntitySyncState finished = store.entityState(id, "account").orElseThrow();
    assertThat(finished.reexportStartedAt()).isNull();
    assertThat(finished.reexportPublishedAt()).isNull();
  }

  @Test
  void lastSyncedAtOnlyMovesForward() {
    String id = store.create("sales", DOCUMENT).id();
    Instant early = Instant.parse("2025-01-01T00:00:00Z");
    Instant late = Instant.parse("2025-01-02T00:00:00Z");

    store.addCounts(id, "account", 1, 1, 0, late);
    store.addCounts(id, "account", 1, 1, 0, early);
    store.addCounts(id, "account", 1, 1, 0, null);

    assertThat(store.entityState(id, "account").orElseThrow().lastSyncedAt()).isEqualTo(late);
  }

  @Test
  void concurrentIncrementsAllCount() throws Exception {
    String id = store.create("sales", DOCUMENT).id();
    int threads = 8;
    int increments = 150;
    Instant base = Instant.parse("2025-05-05T00:00:00Z");
    List<Thread> workers = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < increments; i++) {
                      store.addCounts(id, "account", 3, 2, 1, base.plusSeconds(thread * 1000L + i));
                    }
                  }));
    }
    for (Thread worker : workers) {
      worker.join();
    }

    EntitySyncState state = store.entityState(id, "account").orElseThrow();
    assertThat(state.totalNotifications()).isEqualTo(3L * threads * increments);
    assertThat(state.succeededNotifications()).isEqualTo(2L * threads * increments);
    assertThat(state.failedNotifications()).isEqualTo(1L * threads * increments);
    assertThat(state.lastSyncedAt())
        .isEqualTo(base.plusSeconds((threads - 1) * 1000L + increments - 1));
  }

  @Test
  void deletingAProfileDeletesItsEntityStates() {
    String id = store.create("sales", DOCUMENT).id();
    String other = store.create("support", DOCUMENT).id();
    store.saveCursor(id, "account", ChangeCursor.start(), InitialSyncState.IN_PROGRESS, 1, 2);
    store.addCounts(id, "contact", 1, 1, 0, Instant.now());
    store.addCounts(other, "contact", 1, 1, 0, Instant.now());

    assertThat(store.delete(id)).isTrue();

    assertThat(store.profile(id)).isEmpty();
    assertThat(store.entityStates(id)).isEmpty();
    assertThat(store.entityStates(other)).hasSize(1);
    assertThat(store.delete(id)).isFalse();
    assertThatThrownBy(() -> store.addCounts(id, "contact", 1, 1, 0, null))
        .isInstanceOf(UnknownProfileException.class);
    assertThatThrownBy(
            () ->
                store.saveCursor(id, "a", ChangeCursor.start(), InitialSyncState.IN_PROGRESS, 0, 0))
        .isInstanceOf(UnknownProfileException.class);
  }

  @Test
  void anEntityStateCanBeForgotten() {
    String id = store.create("sales", DOCUMENT).id();
    store.addCounts(id, "account", 1, 1, 0, null);
    store.addCounts(id, "contact", 1, 1, 0, null);

    store.deleteEntityState(id, "account");

    assertThat(store.entityStates(id))
        .extracting(EntitySyncState::entity)
        .containsExactly("contact");
  }

  @Test
  void everythingSurvivesAReopen() {
    StoredProfile created = store.create("sales", DOCUMENT);
    store.setState(created.id(), ProfileState.ACTIVE);
    ChangeCursor cursor = new ChangeCursor(ChangeCursor.Phase.DELTA, "link", 42);
    store.saveCursor(created.id(), "account", cursor, InitialSyncState.COMPLETED, 7, 7);
    store.addCounts(created.id(), "account", 5, 4, 1, Instant.parse("2025-01-01T00:00:00Z"));
    EntitySyncState before = store.entityState(created.id(), "account").orElseThrow();
    store.close();

    store = fixture.open();
    store.close();
    store = fixture.open();

    assertThat(store.profile(created.id()).orElseThrow().state()).isEqualTo(ProfileState.ACTIVE);
    assertThat(store.profile(created.id()).orElseThrow().documentJson()).isEqualTo(DOCUMENT);
    assertThat(store.entityState(created.id(), "account")).contains(before);
    assertThat(fixture.appliedMigrations()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
  }

  @Test
  void initialSyncStatesHaveTheirApiNames() {
    assertThat(InitialSyncState.values())
        .extracting(InitialSyncState::wireName)
        .containsExactly("notStarted", "inProgress", "completed", "completedWithFailures");
    assertThat(InitialSyncState.fromWireName("completedWithFailures"))
        .isEqualTo(InitialSyncState.COMPLETED_WITH_FAILURES);
    assertThatThrownBy(() -> InitialSyncState.fromWireName("done")).hasMessageContaining("'done'");
  }

  @Test
  void timesAreKeptToTheMicrosecond() {
    String id = store.create("sales", DOCUMENT).id();
    Instant precise = Instant.parse("2025-01-01T00:00:00.123456789Z");
    store.markResync(id, "account", precise);
    assertThat(store.entityState(id, "account").orElseThrow().reexportStartedAt())
        .isEqualTo(precise.truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void countersAddUpWhenManyWritersCountAtOnce() throws Exception {
    String id = store.create("sales", DOCUMENT).id();
    int writers = 8;
    int rounds = 50;
    try (var pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < rounds; r++) {
                    store.addCounts(id, "account", 3, 2, 1, null);
                  }
                }));
      }
      for (var writer : done) {
        writer.get();
      }
    }
    EntitySyncState state = store.entityState(id, "account").orElseThrow();
    assertThat(state.totalNotifications()).isEqualTo(3L * writers * rounds);
    assertThat(state.succeededNotifications()).isEqualTo(2L * writers * rounds);
    assertThat(state.failedNotifications()).isEqualTo(1L * writers * rounds);
  }

  @Test
  void twoStoresOnTheSameDatabaseSeeOneAnother() {
    try (ConfigStore other = fixture.open()) {
      StoredProfile created = store.create("sales", DOCUMENT);
      assertThat(other.profile(created.id())).contains(created);
      assertThat(other.serviceId()).isEqualTo(store.serviceId());
      assertThatThrownBy(() -> other.create("SALES", DOCUMENT))
          .isInstanceOf(DuplicateProfileNameException.class);
    }
  }

  @Test
  void destroyRemovesEverythingAndAFreshStoreStartsEmpty() {
    String oldId = store.serviceId();
    store.create("sales", DOCUMENT);
    store.destroy();

    store = fixture.open();
    assertThat(store.profiles()).isEmpty();
    assertThat(store.serviceId()).isNotEqualTo(oldId);
  }

  @Test
  void profileDocumentsAreEncryptedAtRest() {
    store.create("sales", "{\"clientSecret\":\"s3cret-marker-4711\"}");

    assertThat(fixture.rawContent()).contains("sales").doesNotContain("s3cret-marker-4711");
  }

  @Test
  void aReexportRequestIsKeptUntilTheRequestSeenIsCleared() throws InterruptedException {
    String id = store.create("sales", DOCUMENT).id();
    store.saveCursor(id, "account", ChangeCursor.start(), InitialSyncState.COMPLETED, 1, 1);
    assertThat(store.entityState(id, "account").orElseThrow().reexportRequestedAt()).isNull();

    store.requestReexport(id, "account");
    Instant requested = store.entityState(id, "account").orElseThrow().reexportRequestedAt();
    Thread.sleep(2);
    store.requestReexport(id, "account");

    assertThat(requested).isNotNull();
    assertThat(store.entityState(id, "account").orElseThrow().reexportRequestedAt())
        .as("an earlier pending request is kept")
        .isEqualTo(requested);
    assertThat(store.clearReexportRequest(id, "account", requested.minusMillis(1))).isFalse();
    assertThat(store.clearReexportRequest(id, "contact", requested)).isFalse();
    assertThat(store.clearReexportRequest(id, "account", requested)).isTrue();
    assertThat(store.entityState(id, "account").orElseThrow().reexportRequestedAt()).isNull();
    assertThat(store.clearReexportRequest(id, "account", requested)).isFalse();

    Thread.sleep(2);
    store.requestReexport(id, "account");
    assertThat(store.entityState(id, "account").orElseThrow().reexportRequestedAt())
        .isAfter(requested);
  }

  @Test
  void aReexportRequestNeedsAProfileAndTheEntitysSyncState() {
    String id = store.create("sales", DOCUMENT).id();

    assertThatThrownBy(() -> store.requestReexport("missing", "account"))
        .isInstanceOf(UnknownProfileException.class);
    assertThatThrownBy(() -> store.requestReexport(id, "account"))
        .isInstanceOf(NoEntityStateException.class)
        .isInstanceOf(DataExportException.class)
        .hasMessageContaining("'account'")
        .hasMessageContaining(id);
    assertThat(store.entityState(id, "account")).isEmpty();
  }

  @Test
  void aReexportRequestIsSeenByEveryStoreOnTheDatabase() {
    String id = store.create("sales", DOCUMENT).id();
    store.addCounts(id, "account", 1, 1, 0, null);
    try (ConfigStore other = fixture.open()) {
      other.requestReexport(id, "account");

      Instant requested = store.entityState(id, "account").orElseThrow().reexportRequestedAt();
      assertThat(requested).isNotNull();
      assertThat(store.clearReexportRequest(id, "account", requested)).isTrue();
      assertThat(other.entityState(id, "account").orElseThrow().reexportRequestedAt()).isNull();
    }
  }
}
