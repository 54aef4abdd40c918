package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.AttributeDefinition;
import io.dataexport.emulator.metadata.AttributeKind;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.metadata.OptionSetDefinition;
import io.dataexport.emulator.workload.AppliedChange;
import io.dataexport.server.cli.DataExportCommand;
import io.dataexport.server.node.ServiceNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Shared pieces of the end-to-end tests: profile documents, waiting for the destination to
 * converge, the counters of a settled profile and the {@code dataexport profile} command.
 */
final class SyncFixture {
  static final List<String> ENTITIES =
      List.of(
          "account", "contact", "lead", "opportunity", "systemuser", "team", "transactioncurrency");
  static final String RELATIONSHIP = "accountleads_association";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyncFixture() {}

  /** A profile document exporting the sample organisation to an SQLite file. */
  static ObjectNode profile(
      String name, DataverseEmulator emulator, Path sqlite, boolean deleteLog) {
    ObjectNode destination = JSON.createObjectNode();
    destination.put("type", "sqlite");
    destination.put("jdbcUrl", "jdbc:sqlite:" + sqlite.toAbsolutePath());
    return profile(name, emulator, destination, deleteLog);
  }

  /** A profile document exporting the sample organisation to the given destination block. */
  static ObjectNode profile(
      String name, DataverseEmulator emulator, ObjectNode destination, boolean deleteLog) {
    ObjectNode document = JSON.createObjectNode();
    document.put("name", name);
    ObjectNode source = document.putObject("source");
    source.put("url", emulator.baseUrl().toString().replaceAll("/$", ""));
    ObjectNode auth = source.putObject("auth");
    auth.put("tokenUrl", emulator.tokenUrl().toString());
    auth.put("clientId", EmulatorSettings.DEFAULT_CLIENT_ID);
    auth.put("clientSecret", EmulatorSettings.DEFAULT_CLIENT_SECRET);
    document.set("destination", destination);
    ENTITIES.forEach(document.putArray("entities")::add);
    document.putArray("relationships").add(RELATIONSHIP);
    document.put("writeDeleteLog", deleteLog);
    return document;
  }

  /**
   * Entities whose tables the profile writes: the listed ones and the relationship's intersect
   * entity.
   */
  static List<EntityDefinition> exported(DataverseEmulator emulator) {
    return emulator.store().metadata().entities().stream()
        .filter(e -> ENTITIES.contains(e.logicalName()) || e.logicalName().equals("accountleads"))
        .toList();
  }

  /** Waits until every exported table equals the emulator's records; fails with the differences. */
  static void awaitConvergence(DataverseEmulator emulator, Path sqlite, Duration timeout)
      throws Exception {
    awaitConvergence(emulator, DestinationDatabase.sqlite(sqlite), timeout);
  }

  static List<String> differences(DataverseEmulator emulator, Path sqlite) throws SQLException {
    return differences(emulator, DestinationDatabase.sqlite(sqlite));
  }

  /** As {@link #awaitConvergence(DataverseEmulator, Path, Duration)}, for any database. */
  static void awaitConvergence(
      DataverseEmulator emulator, DestinationDatabase database, Duration timeout) throws Exception {
    awaitConvergence(emulator, database, exported(emulator), timeout);
  }

  /** As {@link #awaitConvergence(DataverseEmulator, Path, Duration)}, for some entities. */
  static void awaitConvergence(
      DataverseEmulator emulator,
      DestinationDatabase database,
      List<EntityDefinition> entities,
      Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> differences = List.of();
    while (System.nanoTime() < deadline) {
      differences = differences(emulator, database, entities);
      if (differences.isEmpty()) {
        return;
      }
      Thread.sleep(500);
    }
    assertThat(differences).as("destination differs from the emulator after %s", timeout).isEmpty();
  }

  /** The first differences between the emulator and the destination tables; empty when equal. */
  static List<String> differences(DataverseEmulator emulator, DestinationDatabase database)
      throws SQLException {
    return differences(emulator, database, exported(emulator));
  }

  /** As {@link #differences(DataverseEmulator, DestinationDatabase)}, for some entities. */
  static List<String> differences(
      DataverseEmulator emulator, DestinationDatabase database, List<EntityDefinition> entities)
      throws SQLException {
    try (Connection connection = database.connect()) {
      for (EntityDefinition entity : entities) {
        Map<String, Map<String, String>> expected =
            DestinationComparison.expected(emulator, entity);
        Map<String, Map<String, String>> actual;
        try {
          actual =
              DestinationComparison.actual(
                  connection, database.table(entity.logicalName()), entity, database.reader());
        } catch (SQLException e) {
          return List.of(entity.logicalName() + ": " + e.getMessage());
        }
        List<String> differences = DestinationComparison.differences(expected, actual, 10);
        if (!differences.isEmpty()) {
          return differences.stream().map(d -> entity.logicalName() + " " + d).toList();
        }
      }
    }
    return List.of();
  }

  /** The deletes in the destination's DeleteLog, as {@code entity/record id} (lower case). */
  static Set<String> loggedDeletes(Connection connection, DestinationDatabase database)
      throws SQLException {
    Set<String> logged = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT "
                    + database.quote("EntityName")
                    + ", "
                    + database.quote("RecordId")
                    + " FROM "
                    + database.table("DeleteLog"))) {
      while (rows.next()) {
        logged.add(rows.getString(1) + "/" + rows.getString(2).toLowerCase(Locale.ROOT));
      }
    }
    return logged;
  }

  /**
   * Every seeded record deleted after the initial sync was in the destination, so its deletion is
   * logged. (A record deleted before the initial read reached it never was.)
   */
  static void assertDeleteLogHoldsTheDeletions(
      Connection connection, DestinationDatabase database, List<AppliedChange> changes, int from)
      throws SQLException {
    Set<String> logged = loggedDeletes(connection, database);
    int checked = 0;
    for (AppliedChange change : changes.subList(from, changes.size())) {
      boolean seeded =
          changes.stream()
              .noneMatch(
                  c ->
                      c.id().equals(change.id())
                          && c.operation() == AppliedChange.Operation.CREATE);
      if (change.operation() == AppliedChange.Operation.DELETE && seeded) {
        assertThat(logged).contains(change.entity() + "/" + change.id());
        checked++;
      }
    }
    assertThat(checked).as("deletions of seeded records after the initial sync").isPositive();
  }

  /** Waits until every entity of the profile reports its initial sync completed. */
  static void awaitInitialSync(ServiceNode node, String id) throws InterruptedException {
    awaitInitialSync(node, id, 1);
  }

  /**
   * Waits until the profile reports at least {@code entities} entities, each with its initial sync
   * completed.
   */
  static void awaitInitialSync(ServiceNode node, String id, int entities)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      var reported = node.profiles().status(id).toJson().path("entities");
      boolean done = reported.size() >= entities;
      for (var e : reported) {
        done &= e.path("initialSyncState").asText().equals("completed");
      }
      if (done) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the initial sync did not complete within 60 s: " + node.profiles().status(id).toJson());
  }

  /**
   * Sync settings for a test of a misbehaving destination: a poll every 200 ms, and a backoff of
   * 100 ms to 1 s while nothing applies.
   */
  static SyncSettings quickRetries() {
    return SyncSettings.defaults()
        .withPollInterval(Duration.ofMillis(200))
        .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
  }

  /**
   * Asserts what a settled profile shows when nothing was given up: no record in the failure log,
   * and for each entity nothing pending, parked or failed, with a total of the notifications that
   * adds up.
   */
  static void assertSettledWithNothingGivenUp(JsonNode status) {
    assertThat(status.path("failureLogRecords").asLong()).isZero();
    for (JsonNode entity : status.path("entities")) {
      assertThat(entity.path("pendingNotifications").asLong()).as(entity.toString()).isZero();
      assertThat(entity.path("parkedNotifications").asLong()).as(entity.toString()).isZero();
      assertThat(entity.path("failedNotifications").asLong()).as(entity.toString()).isZero();
      assertThat(entity.path("totalNotifications").asLong())
          .as(entity.toString())
          .isEqualTo(
              entity.path("succeededNotifications").asLong()
                  + entity.path("failedNotifications").asLong()
                  + entity.path("pendingNotifications").asLong());
    }
  }

  /** What a run of the command line printed, and its exit code. */
  record Cli(int exitCode, String out, String err) {}

  /**
   * Runs {@code dataexport profile} against the service on the port with an API key, capturing what
   * it prints.
   */
  static Cli profileCommand(int port, String token, String... args) {
    List<String> full =
        new ArrayList<>(
            List.of("profile", "--server", "http://127.0.0.1:" + port, "--token", token));
    full.addAll(List.of(args));
    return cli(full.toArray(String[]::new));
  }

  /** Runs {@code dataexport} with these arguments in this JVM, capturing what it prints. */
  static Cli cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code =
          new CommandLine(new DataExportCommand())
              .setExecutionExceptionHandler(DataExportCommand::handle)
              .execute(args);
      return new Cli(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  /**
   * How many rows the DES metadata tables should hold for the exported entities: option labels
   * (local and global), state and status labels, lookup targets, attributes.
   */
  record ExpectedMetadata(
      int localOptions, int globalOptions, int states, int statuses, int targets, int attributes) {}

  static ExpectedMetadata expectedMetadata(DataverseEmulator emulator) {
    int localOptions = 0;
    int globalOptions = 0;
    int states = 0;
    int statuses = 0;
    int targets = 0;
    int attributes = 0;
    for (EntityDefinition entity : exported(emulator)) {
      for (AttributeDefinition attribute : entity.attributes()) {
        attributes++;
        targets += attribute.targets().size();
        OptionSetDefinition set = attribute.optionSet();
        if (set == null || attribute.kind() == AttributeKind.BOOLEAN) {
          continue;
        }
        int labels = set.options().stream().mapToInt(o -> o.label().texts().size()).sum();
        switch (attribute.kind()) {
          case STATE -> states += labels;
          case STATUS -> statuses += labels;
          default -> {
            if (set.global()) {
              globalOptions += labels;
            } else {
              localOptions += labels;
            }
          }
        }
      }
    }
    return new ExpectedMetadata(localOptions, globalOptions, states, statuses, targets, attributes);
  }
}
