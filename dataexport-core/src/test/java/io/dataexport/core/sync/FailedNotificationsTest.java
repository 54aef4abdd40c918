package io.dataexport.core.sync;

import static io.dataexport.core.sync.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.store.FailedRecord;
import io.dataexport.api.store.FailureResync;
import io.dataexport.api.store.ParkedNotification;
import io.dataexport.store.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Parking, retries, the failure log and the claim check of a running profile: fake source and
 * destination, real store, bus and blob store.
 */
class FailedNotificationsTest extends RuntimeTestBase {
  private static final String POISON = "poison";

  @Test
  void aRejectedRecordIsTriedExactlyRetryCountTimesSpacedByTheIntervalWhileTheOthersApply()
      throws Exception {
    for (int i = 0; i < 20; i++) {
      source.put(Map.of("name", "account " + i));
    }
    UUID poison = source.put(Map.of("name", POISON));
    destination.reject(n -> POISON.equals(n.payload().get("name")));
    start(3, 1, SyncSettings.defaults());

    await("the poison record given up", () -> failures().size() == 1);

    assertThat(destination.rows()).hasSize(20).doesNotContainKey(poison);
    FailedRecord failure = failures().get(0);
    assertThat(failure.recordId()).isEqualTo(poison);
    assertThat(failure.changeType()).isEqualTo(Operation.UPSERT);
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.reason()).contains("check constraint").doesNotContain(POISON);
    assertThat(Duration.between(failure.firstFailedAt(), failure.failedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    List<Instant> tries =
        destination.singleApplies().stream()
            .filter(a -> a.notification().recordId().equals(poison))
            .map(FakeDestination.SingleApply::at)
            .toList();
    assertThat(tries).hasSize(3);
    for (int i = 1; i < tries.size(); i++) {
      assertThat(Duration.between(tries.get(i - 1), tries.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    await("the parked blob deleted when given up", () -> blobFiles().isEmpty());
    JsonNode entity = entityStatus();
    assertThat(entity.path("failedNotifications").asLong()).isEqualTo(1);
    assertThat(entity.path("succeededNotifications").asLong()).isEqualTo(20);
    assertThat(entity.path("totalNotifications").asLong()).isEqualTo(21);
    assertThat(entity.path("pendingNotifications").asLong()).isZero();
    assertThat(entity.path("initialSyncState").asText()).isEqualTo("completedWithFailures");
  }

  @Test
  void resyncingFailedRecordsBringsThemInOnceTheCauseIsGoneAndEmptiesTheLog() throws Exception {
    source.put(Map.of("name", "fine"));
    UUID poison = source.put(Map.of("name", POISON));
    UUID deletedMeanwhile = source.put(Map.of("name", POISON + " too"));
    destination.reject(n -> String.valueOf(n.payload().get("name")).startsWith(POISON));
    start(1, 0, SyncSettings.defaults());
    await("both given up", () -> failures().size() == 2);
    // entries of an entity whose full read still runs are left to that read
    await(
        "the initial sync over",
        () -> entityStatus().path("initialSyncState").asText().equals("completedWithFailures"));
    source.delete(deletedMeanwhile);
    await("the deletion applied", () -> entityStatus().path("pendingNotifications").asLong() == 0);

    destination.reject(n -> false);
    runtime.startFailureResync();
    FailureResync resync = awaitFailureResyncCompleted();

    assertThat(resync.resynced()).isEqualTo(2);
    assertThat(resync.totalRecords()).isEqualTo(2);
    assertThat(failures()).isEmpty();
    await("the failed record arrives", () -> destination.rows().containsKey(poison));
    assertThat(destination.rows()).doesNotContainKey(deletedMeanwhile);
    await("the counters settle", () -> entityStatus().path("pendingNotifications").asLong() == 0);
    JsonNode entity = entityStatus();
    assertThat(entity.path("totalNotifications").asLong())
        .isEqualTo(
            entity.path("succeededNotifications").asLong()
                + entity.path("failedNotifications").asLong());
  }

  @Test
  void aResyncOfFailedRecordsLeavesAnEntityInAFullReadToThatRead() throws Exception {
    source.put(Map.of("name", "fine"));
    UUID poison = source.put(Map.of("name", POISON));
    destination.reject(n -> POISON.equals(n.payload().get("name")));
    start(1, 0, SyncSettings.defaults());
    await("given up", () -> failures().size() == 1);
    await("the initial sync over", this::initialSyncCompleted);
    destination.reject(n -> false);

    CountDownLatch held = source.holdInitialReads();
    runtime.resync(FakeSource.ENTITY);
    await("the full read began", () -> source.readingNow() == 1 && resyncInProgress());
    runtime.startFailureResync();
    FailureResync resync = awaitFailureResyncCompleted();

    assertThat(resync.resynced()).isZero();
    assertThat(resync.skipped()).isEqualTo(1);
    assertThat(failures()).hasSize(1);
    held.countDown();
    await("the full read applied it", () -> destination.rows().containsKey(poison));
    await("and resolved its failure-log entry", () -> failures().isEmpty());
  }

  @Test
  void aTransientFailureOfOneRecordParksItAndTheRetryAppliesIt() throws Exception {
    for (int i = 0; i < 5; i++) {
      source.put(Map.of("name", "account " + i));
    }
    UUID locked = source.put(Map.of("name", "locked"));
    destination.failTransiently(n -> n.recordId().equals(locked));
    start(5, 1, SyncSettings.defaults());
    await("the others applied", () -> destination.rows().size() == 5);
    await("the locked one parked", () -> entityStatus().path("parkedNotifications").asLong() == 1);
    assertThat(blobFiles()).hasSize(1);

    destination.failTransiently(n -> false);

    await("the retry applies it", () -> destination.rows().containsKey(locked));
    await(
        "the parking lot is empty", () -> entityStatus().path("parkedNotifications").asLong() == 0);
    await("the blob deleted after its row", () -> blobFiles().isEmpty());
    assertThat(failures()).isEmpty();
    JsonNode entity = entityStatus();
    assertThat(entity.path("succeededNotifications").asLong()).isEqualTo(6);
    assertThat(entity.path("totalNotifications").asLong()).isEqualTo(6);
  }

  @Test
  void aFullReadSupersedesParkedNotificationsSoARecordDeletedUnseenNeverComesBack()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      source.put(Map.of("name", "account " + i));
    }
    UUID gone = source.put(Map.of("name", "soon gone"));
    start(20, 1, SyncSettings.defaults());
    await("the initial sync", () -> destination.rows().size() == 6 && initialSyncCompleted());

    destination.failTransiently(n -> n.recordId().equals(gone));
    // with another change in the same poll, so the failure is the record's, not an outage
    CountDownLatch held = source.holdDeltaReads();
    source.put(Map.of("id", gone, "name", "changed"));
    source.put(Map.of("name", "created meanwhile"));
    held.countDown();
    await("its update parked", () -> entityStatus().path("parkedNotifications").asLong() == 1);

    // the record is deleted while nothing reads (as across a crash or an expired token): only a
    // full read can tell, and the parked update must not write it again after that read began
    runtime.stopReading();
    source.delete(gone);
    runtime.resync(FakeSource.ENTITY);
    await("the full read began", () -> entityStatus().path("parkedNotifications").asLong() == 0);
    destination.failTransiently(n -> false);

    await("the full read complete", () -> initialSyncCompleted() && !resyncInProgress());
    Thread.sleep(1500); // longer than the retry interval: a parked try would have run
    assertThat(destination.rows()).hasSize(6).doesNotContainKey(gone);
    assertThat(blobFiles()).as("the superseded blob is deleted").isEmpty();
    JsonNode entity = entityStatus();
    assertThat(entity.path("pendingNotifications").asLong()).isZero();
    assertThat(entity.path("totalNotifications").asLong())
        .isEqualTo(entity.path("succeededNotifications").asLong());
  }

  @Test
  void whileTheDestinationTakesNothingNothingIsParkedAndEverythingArrivesAfterwards()
      throws Exception {
    for (int i = 0; i < 5; i++) {
      source.put(Map.of("name", "account " + i));
    }
    destination.failTransiently(n -> true);
    start(1, 0, SyncSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    await("several tries", () -> destination.applies() > 10);

    assertThat(entityStatus().path("parkedNotifications").asLong()).isZero();
    assertThat(entityStatus().path("pendingNotifications").asLong()).isEqualTo(5);
    assertThat(failures()).as("no try is spent during an outage").isEmpty();
    destination.failTransiently(n -> false);

    await("everything applied", () -> destination.rows().size() == 5);
    assertThat(failures()).isEmpty();
  }

  @Test
  void whileTheDestinationIsUnavailableParkedNotificationsSpendNoTriesAndApplyOnceItIsBack()
      throws Exception {
    UUID locked = parkOneOfSix(SyncSettings.defaults());
    destination.failUnavailable(n -> true);
    destination.failTransiently(n -> false);
    int before = triesOf(locked);

    await("several tries of the parked one", () -> triesOf(locked) >= before + 3);

    assertThat(failures()).as("no try is spent while the destination is unavailable").isEmpty();
    assertThat(parked()).singleElement().extracting(ParkedNotification::attempts).isEqualTo(1);
    destination.failUnavailable(n -> false);

    await("the retry applies it", () -> destination.rows().containsKey(locked));
    await("the parking lot is empty", () -> parked().isEmpty());
    assertThat(failures()).isEmpty();
    JsonNode entity = entityStatus();
    assertThat(entity.path("succeededNotifications").asLong()).isEqualTo(6);
    assertThat(entity.path("totalNotifications").asLong()).isEqualTo(6);
    assertThat(entity.path("pendingNotifications").asLong()).isZero();
  }

  @Test
  void aDestinationSetUpWronglySpendsNoTriesAndTheEntryIsDueAgainAfterTheInterval()
      throws Exception {
    UUID locked = parkOneOfSix(SyncSettings.defaults());
    destination.failMisconfigured(n -> true);
    destination.failTransiently(n -> false);
    int before = triesOf(locked);

    await("two tries of the parked one", () -> triesOf(locked) >= before + 2);

    assertThat(failures()).isEmpty();
    ParkedNotification entry = parked().get(0);
    assertThat(entry.attempts()).isEqualTo(1);
    assertThat(entry.lastReason()).contains("permission denied");
    destination.failMisconfigured(n -> false);

    await("the retry applies it", () -> destination.rows().containsKey(locked));
    await("the parking lot is empty", () -> parked().isEmpty());
    assertThat(failures()).isEmpty();
  }

  @Test
  void retryCountZeroGivesUpAtTheFirstFailureWithoutParking() throws Exception {
    source.put(Map.of("name", "fine"));
    source.put(Map.of("name", POISON));
    destination.reject(n -> POISON.equals(n.payload().get("name")));
    start(0, 5, SyncSettings.defaults());

    await("given up", () -> failures().size() == 1);

    assertThat(failures().get(0).attempts()).isEqualTo(1);
    assertThat(entityStatus().path("parkedNotifications").asLong()).isZero();
    assertThat(blobFiles()).isEmpty();
  }

  @Test
  void aPayloadOverTheInlineLimitTravelsThroughTheBlobStoreEncryptedAndIsDeletedAfterwards()
      throws Exception {
    String large = "Ødegaard-" + "x".repeat(4000);
    UUID big = source.put(Map.of("name", large));
    source.put(Map.of("name", "small"));
    destination.failTransiently(n -> true);
    start(3, 1, SyncSettings.defaults().withInlinePayloadLimit(2000));
    await("the payload is in the blob store", () -> blobFiles().size() == 1);
    byte[] raw = Files.readAllBytes(blobFiles().get(0));
    assertThat(new String(raw, StandardCharsets.ISO_8859_1))
        .doesNotContain("Ødegaard")
        .doesNotContain("xxxxxxxx");
    assertThat(busFilesContain("xxxxxxxx")).as("the bus carries only the reference").isFalse();

    destination.failTransiently(n -> false);

    await("applied", () -> destination.rows().size() == 2);
    assertThat(destination.rows().get(big).values().get("name")).isEqualTo(large);
    await("the blob is deleted", () -> blobFiles().isEmpty());
  }

  private void start(int retryCount, int retryIntervalSeconds, SyncSettings settings) {
    startRuntime(profile(retryCount, retryIntervalSeconds), fast(settings));
  }

  /**
   * Starts with retryCount 2 and an interval of 1 s, so the parked notification's next try would be
   * its last; parks one of six accounts, which fails transiently (a lock) while the others apply.
   */
  private UUID parkOneOfSix(SyncSettings settings) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      source.put(Map.of("name", "account " + i));
    }
    UUID locked = source.put(Map.of("name", "locked"));
    destination.failTransiently(n -> n.recordId().equals(locked));
    start(2, 1, settings.withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    await("the others applied", () -> destination.rows().size() == 5);
    await("the locked one parked", () -> parked().size() == 1);
    return locked;
  }

  /** How often the destination was asked to apply the record on its own (tries 2, 3, …). */
  private int triesOf(UUID record) {
    return (int)
        destination.singleApplies().stream()
            .filter(a -> a.notification().recordId().equals(record))
            .count();
  }

  private List<ParkedNotification> parked() {
    return store.failures().due(profileId, Instant.now().plus(Duration.ofDays(1)), 100);
  }

  private boolean initialSyncCompleted() {
    return entityStatus().path("initialSyncState").asText().startsWith("completed");
  }

  private boolean resyncInProgress() {
    return entityStatus().path("resyncInProgress").asBoolean();
  }

  private List<FailedRecord> failures() {
    return store.failures().failures(profileId, 0, 100);
  }

  private JsonNode entityStatus() {
    return status().path("entities").get(0);
  }

  /** The blob files on disk (temporary files of a write in progress included). */
  private List<Path> blobFiles() {
    return files(data.resolve("blobs"));
  }

  private boolean busFilesContain(String text) throws IOException {
    for (Path file : files(data.resolve("bus"))) {
      if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> files(Path root) {
    return FileTrees.regularFiles(root);
  }
}
