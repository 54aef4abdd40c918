package io.dataexport.core.sync;

import static io.dataexport.core.sync.Await.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.ExportProfile;
import io.dataexport.api.profile.Secret;
import io.dataexport.api.profile.SourceAuth;
import io.dataexport.api.profile.SourceConfig;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.FailureResync;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.core.status.LiveFigures;
import io.dataexport.core.status.ProfileStatus;
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import io.dataexport.store.bus.EmbeddedBusProvider;
import io.dataexport.store.config.JdbcConfigStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of a running profile share: a profile of the fake source's one entity, run by a
 * real {@link ProfileRuntime} against the test's fake source and destination, with the real store,
 * bus and blob store in a temporary data folder. The store is opened and the profile created before
 * each test; the runtime the test started (if it is still there) and the store are closed after it.
 */
abstract class RuntimeTestBase {
  @TempDir Path data;
  final FakeSource source = new FakeSource();
  final FakeDestination destination = new FakeDestination();
  ConfigStore store;
  String profileId;

  /** The runtime the test started; a test that closes it itself sets it to null. */
  ProfileRuntime runtime;

  @BeforeEach
  final void openStoreAndCreateProfile() {
    store = JdbcConfigStore.open(data);
    profileId = store.create("test", "{}").id();
  }

  @AfterEach
  final void closeRuntimeAndStore() {
    if (runtime != null) {
      runtime.close(Duration.ofSeconds(5));
    }
    store.close();
  }

  /** A profile of {@link FakeSource#ENTITY} with these retry settings. */
  static ExportProfile profile(int retryCount, int retryIntervalSeconds) {
    return new ExportProfile(
        "test",
        new SourceConfig(
            "dataverse",
            "http://org.example",
            new SourceAuth("http://login.example/token", "app", Secret.of("s"), "scope")),
        new DestinationConfig("sqlite", "jdbc:sqlite:unused", null, null, null, null),
        List.of(FakeSource.ENTITY),
        List.of(),
        retryCount,
        retryIntervalSeconds,
        false);
  }

  /** The settings with a poll every 50 ms and no schema refresh, so that a test runs quickly. */
  static SyncSettings fast(SyncSettings settings) {
    return settings
        .withPollInterval(Duration.ofMillis(50))
        .withSchemaRefreshInterval(Duration.ZERO);
  }

  /** Opens the profile's embedded bus. */
  final NotificationBus openBus() {
    return new EmbeddedBusProvider().open(profileId, data);
  }

  /**
   * Starts {@link #runtime} with a bus of its own, a blob store in the data folder and no meters.
   */
  final void startRuntime(ExportProfile profile, SyncSettings settings) {
    startRuntime(
        profile,
        openBus(),
        LocalBlobStore.open(data, LocalKeyProvider.open(data)),
        SyncMeters.none(),
        settings);
  }

  /** Starts {@link #runtime} with the given bus, blob store and meters. */
  final void startRuntime(
      ExportProfile profile,
      NotificationBus bus,
      BlobStore blobs,
      SyncMeters meters,
      SyncSettings settings) {
    runtime =
        new ProfileRuntime(
            profileId,
            profile,
            source,
            destination,
            bus,
            store,
            blobs,
            meters,
            settings,
            Clock.systemUTC());
    runtime.start();
  }

  /** The profile's status as the API answers it, with what the runtime reports. */
  final ObjectNode status() {
    return ProfileStatus.of(
            store.profile(profileId).orElseThrow(),
            store.entityStates(profileId),
            store.failures().parkedSummaries(profileId),
            store.failures().failureCount(profileId),
            store.failureResyncs().find(profileId).orElse(null),
            LiveFigures.of(runtime),
            Instant.now())
        .toJson();
  }

  /** The profile's resync of failed records, once it no longer runs. */
  final FailureResync awaitFailureResyncCompleted() throws InterruptedException {
    await(
        "the resync of failed records completed",
        () -> !store.failureResyncs().find(profileId).orElseThrow().running());
    return store.failureResyncs().find(profileId).orElseThrow();
  }
}
