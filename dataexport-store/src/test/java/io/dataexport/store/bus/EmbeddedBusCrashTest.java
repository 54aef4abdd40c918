package io.dataexport.store.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.bus.BusConsumer;
import io.dataexport.api.bus.Delivery;
import io.dataexport.api.bus.NotificationBus;
import io.dataexport.api.notification.SyncNotification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a publishing process with SIGKILL in mid-stream, several times, and checks after each kill
 * that every batch it reported as published is on the bus, once, and nothing damaged is delivered.
 */
class EmbeddedBusCrashTest {
  private static final int KILLS = 5;
  private static final Pattern REPORT = Pattern.compile("published (\\d+) ok");

  @TempDir Path dataDirectory;

  @Test
  void everyBatchReportedAsPublishedSurvivesAKill() throws Exception {
    Random random = new Random(42);
    Set<Long> reported = new HashSet<>();
    for (int kill = 0; kill < KILLS; kill++) {
      Path reports = dataDirectory.resolve("child-" + kill + ".out");
      Process child = start(kill * 1_000_000L, reports);
      waitForReports(reports, 10 + random.nextInt(40), child);
      Thread.sleep(random.nextInt(15));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reported.addAll(readReports(reports));

      assertEveryReportedBatchIsOnTheBus(reported);
    }
  }

  /**
   * The child's stdout goes to a file rather than a pipe: killing a process closes the parent's end
   * of its pipes, and reports still in them would be lost.
   */
  private void waitForReports(Path reports, int count, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (readReports(reports).size() < count) {
      assertThat(child.isAlive()).as("the child runs (its stderr: %s)", stderr()).isTrue();
      assertThat(System.nanoTime()).as("the child publishes in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Only whole report lines count: a kill may cut the last one short. */
  private static Set<Long> readReports(Path reports) throws IOException {
    Set<Long> batches = new HashSet<>();
    if (Files.exists(reports)) {
      for (String line : Files.readAllLines(reports, StandardCharsets.UTF_8)) {
        Matcher report = REPORT.matcher(line);
        if (report.matches()) {
          batches.add(Long.parseLong(report.group(1)));
        }
      }
    }
    return batches;
  }

  private void assertEveryReportedBatchIsOnTheBus(Set<Long> reported) {
    try (NotificationBus bus =
        new EmbeddedBusProvider().open(TestNotifications.PROFILE, dataDirectory)) {
      BusConsumer consumer = bus.subscribe("verifier");
      Set<String> seen = new HashSet<>();
      List<Delivery> deliveries;
      while (!(deliveries = consumer.poll(1000, Duration.ofMillis(100))).isEmpty()) {
        for (Delivery delivery : deliveries) {
          SyncNotification notification = delivery.notification();
          long batch = (Long) notification.payload().get("batch");
          long index = (Long) notification.payload().get("index");
          assertThat(notification.payload().get("filler")).isEqualTo(CrashingPublisher.FILLER);
          assertThat(seen.add(batch + "/" + index))
              .as("delivered once: %s/%s", batch, index)
              .isTrue();
        }
      }
      for (long batch : reported) {
        for (int index = 0; index < CrashingPublisher.BATCH_SIZE; index++) {
          assertThat(seen).as("reported batch %s", batch).contains(batch + "/" + index);
        }
      }
      System.out.printf(
          "crash test: %d batches reported as published, %d records on the bus, all present%n",
          reported.size(), seen.size());
    }
  }

  private Process start(long firstBatch, Path reports) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            CrashingPublisher.class.getName(),
            dataDirectory.toString(),
            Long.toString(firstBatch))
        .redirectOutput(reports.toFile())
        .redirectError(dataDirectory.resolve("child.err").toFile())
        .start();
  }

  private String stderr() {
    try {
      return Files.readString(dataDirectory.resolve("child.err"));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
