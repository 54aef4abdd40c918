package io.dataexport.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.core.service.ProfileService;
import io.dataexport.emulator.workload.ChangeWorkload;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The demo's display: a progress bar during the initial sync, then a live line of changes. */
final class DemoProgress {
  private static final int BAR_WIDTH = 30;

  private final ProfileService profiles;
  private final String profileId;
  private final ChangeWorkload workload;
  private final PrintStream out;
  private final boolean terminal = System.console() != null;

  DemoProgress(
      ProfileService profiles, String profileId, ChangeWorkload workload, PrintStream out) {
    this.profiles = profiles;
    this.profileId = profileId;
    this.workload = workload;
    this.out = out;
  }

  /** Shows progress until every entity's initial sync is read and applied. */
  void showInitialSync() throws InterruptedException {
    long lastLine = 0;
    while (true) {
      JsonNode status = profiles.status(profileId).toJson();
      long read = 0;
      long total = 0;
      long applied = 0;
      boolean allDone = status.path("entities").size() > 0;
      for (JsonNode entity : status.path("entities")) {
        read += entity.path("initialSyncProgress").path("rowsRead").asLong();
        total +=
            entity
                .path("initialSyncProgress")
                .path("estimatedTotal")
                .asLong(entity.path("initialSyncProgress").path("rowsRead").asLong());
        applied +=
            entity.path("succeededNotifications").asLong()
                + entity.path("failedNotifications").asLong();
        allDone &= entity.path("initialSyncState").asText().startsWith("completed");
      }
      boolean applyDone = applied >= read;
      String line =
          bar(applied, Math.max(total, read))
              + String.format(" %,d of %,d records read, %,d applied", read, total, applied);
      if (terminal) {
        out.print("\r" + line);
      } else if (System.currentTimeMillis() - lastLine > 2000 || (allDone && applyDone)) {
        out.println(line);
        lastLine = System.currentTimeMillis();
      }
      if (allDone && applyDone) {
        if (terminal) {
          out.println();
        }
        return;
      }
      Thread.sleep(250);
    }
  }

  /** Shows changes made in the emulator and applied to the destination, until stopped. */
  void showLiveChanges(long durationSeconds, CountDownLatch stopped) throws InterruptedException {
    long start = System.nanoTime();
    long baseline = applied();
    while (durationSeconds <= 0
        || System.nanoTime() - start < TimeUnit.SECONDS.toNanos(durationSeconds)) {
      long made = workload.created() + workload.updated() + workload.deleted();
      long applied = applied() - baseline;
      String line =
          String.format(
              "changes made in Dataverse: %,d (%,d created, %,d updated, %,d deleted) | applied to SQLite: %,d | lag %ds",
              made, workload.created(), workload.updated(), workload.deleted(), applied, maxLag());
      if (terminal) {
        out.print("\r" + line + "   ");
      } else {
        out.println(line);
      }
      if (stopped.await(terminal ? 500 : 2000, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
    out.println();
  }

  private long applied() {
    long applied = 0;
    for (JsonNode entity : profiles.status(profileId).toJson().path("entities")) {
      applied += entity.path("succeededNotifications").asLong();
    }
    return applied;
  }

  private long maxLag() {
    long lag = 0;
    for (JsonNode entity : profiles.status(profileId).toJson().path("entities")) {
      lag = Math.max(lag, entity.path("lagSeconds").asLong());
    }
    return lag;
  }

  private static String bar(long done, long total) {
    int filled = total == 0 ? 0 : (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
    int percent = total == 0 ? 0 : (int) Math.min(100, 100 * done / total);
    return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + percent + "%";
  }
}
