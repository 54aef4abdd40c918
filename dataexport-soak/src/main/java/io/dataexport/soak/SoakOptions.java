package io.dataexport.soak;

import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OrganisationMetadata;
import io.dataexport.emulator.sample.SampleOrganisation;
import io.dataexport.soak.chaos.ChaosSettings;
import io.dataexport.soak.db.PostgresqlRestart;
import io.dataexport.soak.db.PostgresqlServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import picocli.CommandLine.Option;

/** The harness's command line, see {@code soak/README.md}. */
public final class SoakOptions {
  /** Four change-tracked sample entities, as in the user's report. */
  public static final List<String> DEFAULT_ENTITIES =
      List.of("account", "contact", "lead", "opportunity");

  static final int DEFAULT_ROUNDS = 20;
  static final int DEFAULT_RESTART_EVERY = 3;
  static final String DEFAULT_POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  @Option(
      names = "--rounds",
      description = "rounds to run (default: " + DEFAULT_ROUNDS + "; 1 with --round-seed)")
  Integer rounds;

  @Option(
      names = "--seed",
      description = "the run's seed; each round's seed is drawn from it (default: the clock)")
  Long seed;

  @Option(
      names = "--round-seed",
      description = "runs one round alone with this seed, as a failing round printed it")
  Long roundSeed;

  @Option(
      names = "--records",
      description = "seeded records per entity (default: ${DEFAULT-VALUE})")
  int records = 20_000;

  @Option(
      names = "--entities",
      split = ",",
      description = "change-tracked entities to export and change (default: ${DEFAULT-VALUE})")
  List<String> entities = DEFAULT_ENTITIES;

  @Option(
      names = "--rate",
      description = "changes per second: 30%% creates, 50%% updates, 20%% deletes (default: 40)")
  double rate = 40;

  @Option(names = "--kills", description = "SIGKILLs of the service per round (default: 8)")
  int kills = 8;

  @Option(
      names = "--postgresql-url",
      description = "a database the harness may create schemas in (default: ${DEFAULT-VALUE})")
  String postgresqlUrl = DEFAULT_POSTGRESQL_URL;

  @Option(names = "--postgresql-user", description = "a user who may create schemas")
  String postgresqlUser = "postgres";

  @Option(names = "--postgresql-password", description = "empty for none (trust)")
  String postgresqlPassword = "";

  @Option(names = "--no-postgresql-restart", description = "never restart PostgreSQL")
  boolean noPostgresqlRestart;

  @Option(names = "--no-deactivations", description = "never deactivate and reactivate the profile")
  boolean noDeactivations;

  @Option(names = "--no-resyncs", description = "never resync an entity")
  boolean noResyncs;

  @Option(
      names = "--postgresql-restart-every",
      description =
          "a short PostgreSQL restart in about one round in N, drawn from the round's seed"
              + " (default: 3; 1: every round)")
  int postgresqlRestartEvery = DEFAULT_RESTART_EVERY;

  @Option(
      names = "--postgresql-restart-command",
      description =
          "how to restart PostgreSQL (default: pg_ctlcluster --skip-systemctl-redirect <first"
              + " version under /etc/postgresql> main restart)")
  String postgresqlRestartCommand;

  @Option(
      names = "--converge-seconds",
      description = "longest wait for the destination to equal the source (default: 180)")
  int convergeSeconds = 180;

  @Option(
      names = "--service-prefix",
      description =
          "words run before the service's java command, e.g. an strace that delays every fsync"
              + " to imitate a slow disk (see soak/README.md)")
  String servicePrefix = "";

  @Option(
      names = "--work-dir",
      description = "where rounds keep the service's data and log (default: ${DEFAULT-VALUE})")
  Path workDir = Path.of(System.getProperty("java.io.tmpdir"));

  private Long resolvedSeed;

  /** The words of {@code --service-prefix}; empty when none. */
  List<String> servicePrefix() {
    return servicePrefix.isBlank() ? List.of() : List.of(servicePrefix.trim().split("\\s+"));
  }

  /**
   * What is wrong with the options, one line each, in the words of the command line; empty when
   * they can run.
   */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (rounds != null) {
      atLeast(problems, "--rounds", rounds, 1);
    }
    if (roundSeed != null && seed != null) {
      problems.add("--round-seed: runs one round of its own seed; leave out --seed");
    }
    if (roundSeed != null && rounds != null && rounds != 1) {
      problems.add("--round-seed: runs one round; leave out --rounds " + rounds);
    }
    atLeast(problems, "--records", records, 1);
    entityProblems(problems);
    if (!(rate > 0)) {
      problems.add("--rate: must be more than 0 changes per second, not " + rate);
    }
    atLeast(problems, "--kills", kills, 0);
    atLeast(problems, "--postgresql-restart-every", postgresqlRestartEvery, 1);
    atLeast(problems, "--converge-seconds", convergeSeconds, 10);
    if (postgresqlRestartCommand != null && postgresqlRestartCommand.isBlank()) {
      problems.add(
          "--postgresql-restart-command: must not be empty; use --no-postgresql-restart to skip"
              + " restarts");
    }
    return problems;
  }

  private void entityProblems(List<String> problems) {
    if (entities.isEmpty()) {
      problems.add(
          "--entities: name at least one entity, e.g. " + String.join(",", DEFAULT_ENTITIES));
    }
    OrganisationMetadata metadata = SampleOrganisation.metadata();
    Set<String> named = new HashSet<>();
    for (String entity : entities) {
      Optional<EntityDefinition> definition = metadata.entity(entity);
      if (!named.add(entity)) {
        problems.add("--entities: '" + entity + "' is named twice");
      } else if (definition.isEmpty()) {
        problems.add(
            "--entities: unknown entity '"
                + entity
                + "'; the sample organisation has "
                + exported());
      } else if (!definition.get().changeTrackingEnabled() || definition.get().intersect()) {
        problems.add(
            "--entities: '"
                + entity
                + "' has no change tracking or is an intersect entity; choose from "
                + exported());
      }
    }
  }

  private static List<String> exported() {
    return SampleOrganisation.metadata().entities().stream()
        .filter(e -> e.changeTrackingEnabled() && !e.intersect())
        .map(EntityDefinition::logicalName)
        .toList();
  }

  private static void atLeast(List<String> problems, String option, long value, long least) {
    if (value < least) {
      problems.add(option + ": must be at least " + least + ", not " + value);
    }
  }

  /** The run's seed: given, or drawn once from the clock. */
  long runSeed() {
    if (resolvedSeed == null) {
      resolvedSeed =
          seed != null ? seed : new SplittableRandom(System.nanoTime()).nextLong() & Long.MAX_VALUE;
    }
    return resolvedSeed;
  }

  /** Each round's seed: the one given with {@code --round-seed}, or drawn from the run's seed. */
  List<Long> roundSeeds() {
    if (roundSeed != null) {
      return List.of(roundSeed);
    }
    SplittableRandom random = new SplittableRandom(runSeed());
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < (rounds == null ? DEFAULT_ROUNDS : rounds); i++) {
      seeds.add(random.nextLong() & Long.MAX_VALUE);
    }
    return seeds;
  }

  PostgresqlServer server() {
    return new PostgresqlServer(postgresqlUrl, postgresqlUser, postgresqlPassword);
  }

  /** Whether PostgreSQL restarts are wanted. */
  boolean restarts() {
    return !noPostgresqlRestart;
  }

  /** What the rounds' chaos may do. */
  ChaosSettings chaos() {
    return new ChaosSettings(
        kills, postgresqlRestartEvery, restarts(), !noDeactivations, !noResyncs);
  }

  /** How to restart PostgreSQL; empty when restarts are off or this machine has no way. */
  Optional<PostgresqlRestart> restart(PostgresqlServer server) {
    if (!restarts()) {
      return Optional.empty();
    }
    return postgresqlRestartCommand != null
        ? Optional.of(PostgresqlRestart.of(postgresqlRestartCommand, server))
        : PostgresqlRestart.debianCluster(server);
  }

  /** The command line that re-runs one round alone, with the options that shape it. */
  String rerun(long roundSeed) {
    StringBuilder line =
        new StringBuilder("soak/run --round-seed ")
            .append(roundSeed)
            .append(" --records ")
            .append(records)
            .append(" --entities ")
            .append(String.join(",", entities))
            .append(" --rate ")
            .append(BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString())
            .append(" --kills ")
            .append(kills);
    if (noPostgresqlRestart) {
      line.append(" --no-postgresql-restart");
    } else if (postgresqlRestartEvery != DEFAULT_RESTART_EVERY) {
      line.append(" --postgresql-restart-every ").append(postgresqlRestartEvery);
    }
    if (noDeactivations) {
      line.append(" --no-deactivations");
    }
    if (noResyncs) {
      line.append(" --no-resyncs");
    }
    if (!servicePrefix.isBlank()) {
      line.append(" --service-prefix '").append(servicePrefix).append('\'');
    }
    if (!postgresqlUrl.equals(DEFAULT_POSTGRESQL_URL)) {
      line.append(" --postgresql-url ").append(postgresqlUrl);
    }
    return line.toString();
  }
}
