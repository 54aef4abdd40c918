package io.dataexport.soak.round;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.soak.chaos.ChaosPlan;
import io.dataexport.soak.chaos.ChaosRunner;
import io.dataexport.soak.chaos.ChaosStep;
import io.dataexport.soak.chaos.ChaosTally;
import io.dataexport.soak.check.CounterCheck;
import io.dataexport.soak.check.DeleteLogCheck;
import io.dataexport.soak.check.EntityComparison;
import io.dataexport.soak.db.IdSnapshots;
import io.dataexport.soak.db.RoundSchema;
import io.dataexport.soak.report.RoundLog;
import io.dataexport.soak.service.ProfileDocument;
import io.dataexport.soak.service.ServiceApi;
import io.dataexport.soak.service.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One round of the soak:
 *
 * <ol>
 *   <li>a fresh emulator seeded from the round's seed, a fresh PostgreSQL schema and a fresh data
 *       directory; the service as its own JVM; a profile exporting the entities with the DeleteLog
 *       on;
 *   <li>a workload of creates, updates and deletes on every entity, started before the profile is
 *       activated, so changes race the initial syncs;
 *   <li>the round's {@link ChaosPlan}: SIGKILLs, deactivations, resyncs, perhaps a PostgreSQL
 *       restart;
 *   <li>the workload stops; the round waits until the destination equals the source;
 *   <li>the three checks: rows ({@link io.dataexport.soak.check.RowComparison}), DeleteLog ({@link
 *       DeleteLogCheck}) and counters ({@link CounterCheck}).
 * </ol>
 *
 * A passing round drops its schema and deletes its directory; a failing one keeps both for a look.
 */
public final class SoakRound {
  private static final int CREATES = 3;
  private static final int UPDATES = 5;
  private static final int DELETES = 2;

  private final RoundSettings settings;
  private final RoundLog log;

  public SoakRound(RoundSettings settings, PrintStream progress) {
    this.settings = settings;
    this.log = new RoundLog(progress, settings.index());
  }

  /**
   * Runs the round. What goes wrong once the schema and directory exist (a service that does not
   * start, PostgreSQL gone for good) becomes the result's error, and the round fails.
   *
   * @throws IOException when the round's directory cannot be made or removed
   * @throws SQLException when the round's schema cannot be created or dropped
   */
  public RoundResult run() throws IOException, SQLException {
    long started = System.nanoTime();
    SplittableRandom random = new SplittableRandom(settings.seed());
    ChaosPlan plan = ChaosPlan.draw(random, settings.chaos(), settings.entities());
    long workloadSeed = random.nextLong();
    Files.createDirectories(settings.workDirectory());
    Path directory =
        Files.createTempDirectory(
            settings.workDirectory(), "dataexport-soak-round" + settings.index() + "-");
    Path serviceLog = directory.resolve("service.log");
    RoundSchema schema =
        settings
            .server()
            .createSchema(
                "soakround"
                    + settings.index()
                    + "x"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    log.line(
        "seed %d: %d kills, %d deactivations, %d resyncs, %d PostgreSQL restarts planned;"
            + " schema %s, data %s",
        settings.seed(),
        plan.count(ChaosStep.Kill.class),
        plan.count(ChaosStep.Deactivation.class),
        plan.count(ChaosStep.Resync.class),
        plan.count(ChaosStep.PostgresqlRestart.class),
        schema.name(),
        directory);

    Findings findings = new Findings();
    try {
      play(plan, workloadSeed, schema, directory.resolve("data"), serviceLog, findings);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      findings.error = e.toString();
      log.line("round stopped early: %s", e);
    }
    RoundResult result =
        new RoundResult(
            settings.index(),
            settings.seed(),
            findings.chaos == null ? new ChaosTally() : findings.chaos.tally(),
            findings.changes[0],
            findings.changes[1],
            findings.changes[2],
            findings.comparisons,
            findings.deleteLog,
            findings.counters,
            findings.converged,
            Duration.ofNanos(System.nanoTime() - started),
            findings.error,
            schema.name(),
            directory,
            serviceLog);
    if (result.passed()) {
      schema.drop();
      deleteRecursively(directory);
    }
    return result;
  }

  /** Steps 1–7 of the round; fills in {@code findings} as it goes, so a failure keeps them. */
  private void play(
      ChaosPlan plan,
      long workloadSeed,
      RoundSchema schema,
      Path data,
      Path serviceLog,
      Findings findings)
      throws Exception {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(
                EmulatorSettings.defaults()
                    .withPort(0)
                    .withSeed(settings.seed())
                    .withSeedRecords(settings.records()));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults()
                    .withRate(settings.rate())
                    .withMix(CREATES, UPDATES, DELETES)
                    .withEntities(settings.entities())
                    .withSeed(workloadSeed),
                null);
        ServiceProcess service = new ServiceProcess(data, serviceLog, settings.servicePrefix())) {
      service.start();
      ServiceApi api = new ServiceApi(service.apiRoot(), service.apiKey());
      String profile =
          api.createProfile(
              ProfileDocument.of("soak", emulator, schema.destination(), settings.entities()));
      IdSnapshots snapshots = new IdSnapshots(schema, settings.entities());
      workload.start();
      api.activate(profile);
      log.line("profile %s active; workload at %s changes/s", profile, settings.rate());
      findings.chaos = new ChaosRunner(service, api, profile, snapshots, settings.restart(), log);
      try {
        findings.chaos.run(plan);
      } finally {
        workload.stop();
        findings.changes = new long[] {workload.created(), workload.updated(), workload.deleted()};
      }
      // a refused reactivation must not leave the profile inactive for the checks
      api.activate(profile);
      log.line(
          "chaos over, workload stopped (%d creates, %d updates, %d deletes); %d id snapshots;"
              + " waiting for convergence",
          findings.changes[0], findings.changes[1], findings.changes[2], snapshots.taken());
      Convergence.Outcome outcome =
          new Convergence(api, profile, emulator.store(), schema, settings.entities(), log)
              .await(settings.convergeTimeout());
      findings.converged = outcome.converged();
      findings.comparisons = outcome.comparisons();
      findings.deleteLog =
          DeleteLogCheck.check(emulator.store(), schema, snapshots, settings.entities());
      findings.counters =
          outcome.status() == null
              ? new CounterCheck.Result(0, List.of("the service did not answer the status"))
              : CounterCheck.check(outcome.status());
    }
  }

  /** What a round found so far; whatever is not filled in did not happen. */
  private static final class Findings {
    ChaosRunner chaos;
    long[] changes = new long[3];
    List<EntityComparison> comparisons = List.of();
    DeleteLogCheck.Result deleteLog;
    CounterCheck.Result counters;
    boolean converged;
    String error;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
