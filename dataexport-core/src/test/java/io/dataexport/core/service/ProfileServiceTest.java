package io.dataexport.core.service;

import static io.dataexport.core.sync.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.InitialSyncState;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.profile.ProfileValidationException;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import io.dataexport.store.bus.EmbeddedBusProvider;
import io.dataexport.store.config.JdbcConfigStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile lifecycle against fake plugins, the real store and the embedded bus. */
class ProfileServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SyncSettings SETTINGS =
      SyncSettings.defaults()
          .withPollInterval(Duration.ofMillis(50))
          .withSchemaRefreshInterval(Duration.ZERO);

  @TempDir Path data;
  private ConfigStore store;
  private ProfileService service;

  @BeforeEach
  void open() {
    FakeProviders.reset();
    FakeProviders.source.put(Map.of("name", "one"));
    store = JdbcConfigStore.open(data);
    service = newService();
  }

  @AfterEach
  void close() {
    service.close();
    store.close();
  }

  private ProfileService newService() {
    return new ProfileService(
        store,
        Plugins.load("embedded"),
        data,
        SETTINGS,
        Clock.systemUTC(),
        LocalBlobStore.open(data, LocalKeyProvider.open(data)),
        SyncMeters.none());
  }

  private static ObjectNode document(String name) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {"name": "%s", "entities": ["account"],
             "source": {"url": "https://org.example",
               "auth": {"tokenUrl": "https://login.example/token", "clientId": "app", "clientSecret": "s3cret"}},
             "destination": {"type": "sqlite", "jdbcUrl": "jdbc:sqlite:crm.sqlite", "password": "pw"}}
            """
                .formatted(name));
  }

  @Test
  void aDeactivationArrivingWhileTheProfileResumesLeavesItStopped() throws Exception {
    String id = service.create(document("sales")).id();
    service.activate(id);
    service.close();

    CountDownLatch gate = FakeProviders.source.holdDescribes();
    service = newService();
    service.resumeActive();
    assertThat(FakeProviders.source.describing().await(10, TimeUnit.SECONDS)).isTrue();
    Thread deactivation = Thread.ofVirtual().start(() -> service.deactivate(id));
    deactivation.join(Duration.ofMillis(300));
    gate.countDown();
    deactivation.join(Duration.ofSeconds(30));

    assertThat(service.isRunning(id)).as("nothing runs").isFalse();
    assertThat(service.get(id).state()).isEqualTo(ProfileState.INACTIVE);
  }

  @Test
  void aRenameChangesTheStoredNameAndCannotTakeAnotherProfilesName() throws Exception {
    service.create(document("sales"));
    String id = service.create(document("marketing")).id();

    assertThatThrownBy(() -> service.update(id, document("SALES")))
        .isInstanceOf(ProfileConflictException.class);
    service.update(id, document("campaigns"));

    assertThat(store.profile(id).orElseThrow().name()).isEqualTo("campaigns");
    assertThat(service.status(id).toJson().path("name").asText()).isEqualTo("campaigns");
    assertThat(service.get(id).profile().name()).isEqualTo("campaigns");
  }

  @Test
  void aProfileReadFromTheApiCanBeSentBackAndKeepsItsSecrets() throws Exception {
    String id = service.create(document("sales")).id();
    ObjectNode read = service.get(id).toJson();
    assertThat(read.toString()).doesNotContain("s3cret").doesNotContain("\"pw\"");

    service.update(id, read);

    assertThat(service.get(id).profile().source().auth().clientSecret().reveal())
        .isEqualTo("s3cret");
    assertThat(service.get(id).profile().destination().password().reveal()).isEqualTo("pw");
  }

  @Test
  void storedSecretsAreNotHandedToAnotherTokenEndpointOrDatabase() throws Exception {
    String id = service.create(document("sales")).id();
    ObjectNode moved = service.get(id).toJson();
    ((ObjectNode) moved.path("source").path("auth"))
        .put("tokenUrl", "https://attacker.example/token");

    assertThatThrownBy(() -> service.update(id, moved))
        .isInstanceOfSatisfying(
            ProfileValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::field)
                    .containsExactly("source.auth.clientSecret"));

    ObjectNode otherDatabase = service.get(id).toJson();
    ((ObjectNode) otherDatabase.path("destination")).put("jdbcUrl", "jdbc:sqlite:other.sqlite");
    service.update(id, otherDatabase);
    assertThat(service.get(id).profile().destination().password()).isNull();
  }

  @Test
  void anEntityAddedToAnActiveProfileIsCheckedAgainstTheSourceFirst() throws Exception {
    String id = service.create(document("sales")).id();
    service.activate(id);
    ObjectNode changed = document("sales");
    changed.putArray("entities").add("account").add("nosuchentity");

    assertThatThrownBy(() -> service.update(id, changed))
        .isInstanceOfSatisfying(
            ProfileValidationException.class,
            e -> assertThat(e.problems()).extracting(Problem::field).contains("entities[1]"));
    assertThat(service.get(id).profile().entities()).containsExactly("account");
  }

  @Test
  void aStartThatFailsClosesTheSourceAndDestinationItOpened() throws Exception {
    String id = service.create(document("sales")).id();
    // the bus is held elsewhere, so opening it fails after source and destination were opened
    NotificationBus held = new EmbeddedBusProvider().open(id, data);
    try {
      assertThatThrownBy(() -> service.activate(id)).isInstanceOf(RuntimeException.class);
    } finally {
      held.close();
    }

    assertThat(FakeProviders.source.closes()).isEqualTo(FakeProviders.openedSources.size());
    assertThat(FakeProviders.destination.closes())
        .isEqualTo(FakeProviders.openedDestinations.size());
    assertThat(service.get(id).state()).isEqualTo(ProfileState.CREATED);
  }

  @Test
  void aResyncOfFailedRecordsIsPausedWhileItsProfileIsInactiveAndGoesOnWhenItIsActiveAgain()
      throws Exception {
    FakeProviders.source.put(Map.of("name", "poison"));
    FakeProviders.destination.reject(n -> "poison".equals(n.payload().get("name")));
    ObjectNode document = document("sales").put("retryCount", 0);
    String id = service.create(document).id();
    service.activate(id);
    await("the failure logged", () -> store.failures().failureCount(id) == 1);
    await("the initial sync over", () -> initialSyncCompleted(id));
    service.deactivate(id);
    FakeProviders.destination.reject(n -> false);

    assertThatThrownBy(() -> service.resyncFailures(id))
        .isInstanceOf(ProfileConflictException.class)
        .hasMessageContaining("activate it");
    // as a deactivation leaves a running resync
    store.failureResyncs().start(id);
    assertThat(resyncState(id)).isEqualTo("paused");

    service.activate(id);
    await("the resync completed", () -> resyncState(id).equals("completed"));

    assertThat(service.status(id).toJson().path("failureResync").path("resyncedRecords").asLong())
        .isEqualTo(1);
    assertThat(store.failures().failureCount(id)).isZero();
  }

  @Test
  void deletingAProfileStopsItsResyncOfFailedRecordsAndRemovesIt() throws Exception {
    FakeProviders.source.put(Map.of("name", "poison"));
    FakeProviders.destination.reject(n -> "poison".equals(n.payload().get("name")));
    String id = service.create(document("sales").put("retryCount", 0)).id();
    service.activate(id);
    await("the failure logged", () -> store.failures().failureCount(id) == 1);
    await("the initial sync over", () -> initialSyncCompleted(id));
    CountDownLatch held = FakeProviders.source.holdRecordReads();

    ProfileService.FailureResyncStart first = service.resyncFailures(id);
    ProfileService.FailureResyncStart second = service.resyncFailures(id);
    Thread deletion = Thread.ofVirtual().start(() -> service.delete(id));
    await("the deletion began", () -> !service.isRunning(id));
    held.countDown();
    deletion.join(Duration.ofSeconds(30));

    assertThat(first.joined()).isFalse();
    assertThat(first.status().state().wireName()).isEqualTo("running");
    assertThat(second.joined()).isTrue();
    assertThat(store.profile(id)).isEmpty();
    assertThat(store.failureResyncs().find(id)).isEmpty();
  }

  private boolean initialSyncCompleted(String id) {
    return service.status(id).entities().get(0).initialSyncState()
        == InitialSyncState.COMPLETED_WITH_FAILURES;
  }

  private String resyncState(String id) {
    return service.status(id).toJson().path("failureResync").path("state").asText();
  }

  @Test
  void resyncingAnUnknownProfileSaysItIsNotFound() {
    assertThatThrownBy(() -> service.resync("nosuch", "account"))
        .isInstanceOf(ProfileNotFoundException.class);
  }
}
