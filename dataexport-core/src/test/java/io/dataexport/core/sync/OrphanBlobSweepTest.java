package io.dataexport.core.sync;

import static io.dataexport.core.sync.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.blob.BlobStore;
import io.dataexport.api.blob.StoredBlob;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.codec.NotificationCodec;
import io.dataexport.core.metrics.SyncMeters;
import io.dataexport.store.blob.LocalBlobStore;
import io.dataexport.store.blob.LocalKeyProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orphan blobs of a running profile: fake source and destination, real store, bus and blob store.
 * The orphans are made by a test hook that stores blobs the way a crash between a blob and what
 * refers to it leaves them.
 */
class OrphanBlobSweepTest extends RuntimeTestBase {
  private static final String POISON = "poison";
  private static final String LARGE = "Ødegaard-" + "x".repeat(4000);

  private final SyncMeters meters = new SyncMeters(new SimpleMeterRegistry());
  private final NotificationCodec codec = new NotificationCodec();
  private NotificationBus bus;
  private BlobStore blobs;
  private SyncSettings settings;

  @BeforeEach
  void openBlobStore() {
    blobs = LocalBlobStore.open(data, LocalKeyProvider.open(data));
  }

  @Test
  void anOrphanIsRemovedAndCountedWhileReferencedAndParkedBlobsStayAndStillApply()
      throws Exception {
    source.put(Map.of("name", "fine"));
    UUID poison = source.put(Map.of("name", POISON));
    destination.reject(n -> POISON.equals(n.payload().get("name")));
    start(SyncSettings.defaults().withInlinePayloadLimit(2000));
    await("the poison record parked", () -> store.failures().parkedBlobKeys(profileId).size() == 1);
    await("the others applied", () -> destination.rows().size() == 1);
    String parked = store.failures().parkedBlobKeys(profileId).iterator().next();
    // the destination takes nothing now: the large record's notification waits on the bus with
    // its payload in the blob store, as it would for hours during an outage
    destination.failTransiently(n -> true);
    int appliesBefore = destination.applies();
    UUID large = source.put(Map.of("name", LARGE));
    await("its first try failed", () -> destination.applies() > appliesBefore);
    List<String> referenced = keys(BlobKeys.payloadPrefix(profileId));
    assertThat(referenced).hasSize(1);
    assertThat(bus.pendingPayloadRefs(ProfileRuntime.WRITER_GROUP))
        .containsExactlyElementsOf(referenced);

    String orphanPayload = orphanPayloadBlob();
    String orphanParked = orphanParkedBlob();

    assertThat(sweepAt(Instant.now()).total()).as("all of them are too young").isZero();
    assertThat(keys(profileId + "/")).hasSize(4);

    OrphanBlobSweep.Result result = sweepAt(Instant.now().plus(Duration.ofHours(2)));

    assertThat(result).isEqualTo(new OrphanBlobSweep.Result(1, 1));
    assertThat(keys(profileId + "/"))
        .containsExactlyInAnyOrder(parked, referenced.get(0))
        .doesNotContain(orphanPayload, orphanParked);
    assertThat(removedCount()).isEqualTo(2);
    assertThat(sweepAt(Instant.now().plus(Duration.ofHours(3))).total()).isZero();
    assertThat(removedCount()).isEqualTo(2);

    destination.failTransiently(n -> false);
    await("the waiting notification applies", () -> destination.rows().containsKey(large));
    assertThat(destination.rows().get(large).values().get("name")).isEqualTo(LARGE);
    await("its blob is deleted", () -> keys(BlobKeys.payloadPrefix(profileId)).isEmpty());
    assertThat(store.failures().parkedBlobKeys(profileId)).containsExactly(parked);
    assertThat(keys(BlobKeys.parkedPrefix(profileId))).containsExactly(parked);
    assertThat(destination.rows()).doesNotContainKey(poison);
  }

  @Test
  void aRunningProfileSweepsByItselfEveryInterval() throws Exception {
    start(SyncSettings.defaults().withOrphanSweep(Duration.ofMillis(100), Duration.ZERO));
    String orphan = orphanPayloadBlob();
    assertThat(keys(profileId + "/")).containsExactly(orphan);

    await("the orphan is removed", () -> keys(profileId + "/").isEmpty());
    await("and counted", () -> removedCount() == 1);
  }

  @Test
  void noSweepRunsWhenTheIntervalIsZero() throws Exception {
    start(SyncSettings.defaults().withOrphanSweep(Duration.ZERO, Duration.ZERO));
    String orphan = orphanPayloadBlob();

    Thread.sleep(300);

    assertThat(keys(profileId + "/")).containsExactly(orphan);
    assertThat(meters.registry().find("dataexport.blobs.orphans.removed").counter()).isNull();
  }

  /** The test hook: a payload stored as a crash right before the bus publish would leave it. */
  private String orphanPayloadBlob() {
    SyncNotification lost = notification("lost before its publish");
    String key = BlobKeys.payload(lost);
    blobs.put(key, codec.encode(lost));
    return key;
  }

  /** The test hook: a parked notification whose entry a crash kept from being recorded. */
  private String orphanParkedBlob() {
    SyncNotification lost = notification("parked without an entry");
    String key = BlobKeys.parked(lost, 3, 99);
    blobs.put(key, codec.encode(lost));
    return key;
  }

  private SyncNotification notification(String name) {
    return new SyncNotification(
        profileId,
        FakeSource.ENTITY,
        UUID.randomUUID(),
        Operation.UPSERT,
        1,
        Instant.now(),
        Map.of("name", name));
  }

  private OrphanBlobSweep.Result sweepAt(Instant now) {
    return new OrphanBlobSweep(
            profileId,
            bus,
            blobs,
            store.failures(),
            meters,
            settings,
            Clock.fixed(now, ZoneOffset.UTC))
        .sweep();
  }

  private double removedCount() {
    Counter counter =
        meters
            .registry()
            .find("dataexport.blobs.orphans.removed")
            .tag(SyncMeters.PROFILE, profileId)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private List<String> keys(String prefix) {
    return blobs.list(prefix).stream().map(StoredBlob::key).toList();
  }

  private void start(SyncSettings chosen) {
    settings = fast(chosen);
    bus = openBus();
    startRuntime(profile(3, 3600), bus, blobs, meters, settings);
  }
}
