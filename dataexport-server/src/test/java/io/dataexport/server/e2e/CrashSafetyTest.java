package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing resurrected: the service runs as its own process and is killed with SIGKILL
 * at random moments during the initial sync and during streaming, then restarted; the destination
 * still ends equal to the source.
 */
class CrashSafetyTest {
  @TempDir Path data;

  @Test
  void destinationConvergesAfterRepeatedSigkillDuringInitialSyncAndStreaming() throws Exception {
    Path sqlite = data.resolve("crm.sqlite");
    SplittableRandom random = new SplittableRandom(2026);
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults().withPort(0).withSeedRecords(20000));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults().withRate(250).withMix(3, 5, 2).withSeed(9),
                null);
        ServiceProcess service = new ServiceProcess(data.resolve("service"))) {
      service.start();
      JsonNode profile =
          service.json("POST", "profiles", SyncFixture.profile("crash", emulator, sqlite, false));
      String id = profile.path("id").asText();
      workload.start();
      service.json("POST", "profiles/" + id + "/activate", null);

      int killsDuringInitialSync = 0;
      for (int kill = 0; kill < 5; kill++) {
        // The first kills land early, while the initial sync of ~100k rows is running.
        Thread.sleep(kill < 2 ? 300 + random.nextInt(900) : 400 + random.nextInt(2000));
        if (!initialSyncCompleted(service.json("GET", "profiles/" + id + "/status", null))) {
          killsDuringInitialSync++;
        }
        service.kill();
        service.start();
      }
      Thread.sleep(2000);
      workload.stop();

      SyncFixture.awaitConvergence(emulator, sqlite, Duration.ofSeconds(120));
      assertThat(killsDuringInitialSync).as("kills that hit the initial sync").isPositive();
      assertThat(workload.created() + workload.updated() + workload.deleted()).isGreaterThan(500);
    }
  }

  private static boolean initialSyncCompleted(JsonNode status) {
    for (JsonNode entity : status.path("entities")) {
      if (!entity.path("initialSyncState").asText().startsWith("completed")) {
        return false;
      }
    }
    return status.path("entities").size() > 0;
  }
}
