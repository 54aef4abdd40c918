package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison records against a real PostgreSQL: rows a CHECK constraint of the destination rejects end
 * in the failure log after exactly {@code retryCount} tries spaced by the interval, while every
 * other record of the same entity and batch syncs; the log is downloaded as CSV and JSON (API and
 * CLI) and read a page at a time (API), the counters and lag show in {@code /metrics}; once the
 * constraint is dropped, "resync failed records" (the CLI following the background job to its end)
 * brings them in and the log empties.
 */
class FailedRecordsEndToEndTest {
  private static final String POISON = "POISON";

  @TempDir Path data;
  private PostgresqlTestSchema postgresql;
  private DataverseEmulator emulator;
  private ServiceNode node;
  private ApiCalls api;
  private String id;

  @BeforeEach
  void start() throws Exception {
    postgresql = new PostgresqlTestSchema();
    emulator =
        DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(100));
    node =
        ServiceNode.start(
            data.resolve("service"),
            "127.0.0.1",
            0,
            SyncSettings.defaults().withPollInterval(Duration.ofMillis(200)));
    api = new ApiCalls(node);
    id =
        node.profiles()
            .create(
                SyncFixture.profile("poison", emulator, postgresql.destination(), false)
                    .put("retryCount", 3)
                    .put("retryIntervalSeconds", 1))
            .id();
    node.profiles().activate(id);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
      if (emulator != null) {
        emulator.close();
      }
    } finally {
      if (postgresql != null) {
        postgresql.close();
      }
    }
  }

  @Test
  void poisonRecordsAreLoggedAfterTheirTriesWhileTheRestSyncsAndComeInOnceResynced()
      throws Exception {
    JsonNode account = awaitInitialSyncOf("account");
    assertThat(account.path("initialSyncProgress").path("estimatedTotal").asLong()).isEqualTo(100);
    assertThat(account.path("initialSyncProgress").path("percent").asDouble()).isEqualTo(100.0);
    postgresql.execute(
        "ALTER TABLE "
            + postgresql.table("account")
            + " ADD CONSTRAINT no_poison CHECK (name IS NULL OR name NOT LIKE '"
            + POISON
            + "%')");

    Set<String> poisoned = createAccountsSomePoisoned();

    JsonNode failures = awaitFailures(poisoned.size());
    for (JsonNode failure : failures) {
      assertThat(failure.path("entity").asText()).isEqualTo("account");
      assertThat(failure.path("changeType").asText()).isEqualTo("upsert");
      assertThat(failure.path("attempts").asInt()).isEqualTo(3);
      assertThat(failure.path("reason").asText()).contains("no_poison").doesNotContain(POISON);
      assertThat(
              Duration.between(
                  Instant.parse(failure.path("firstFailedAt").asText()),
                  Instant.parse(failure.path("failedAt").asText())))
          .as("3 tries spaced by 1 s")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(failure.has("payload")).isFalse();
    }
    assertThat(recordIds(failures)).isEqualTo(poisoned);
    assertThat(accountDifferencesIgnoring(poisoned)).as("every other account synced").isEmpty();
    assertThat(accountStatus().path("initialSyncState").asText())
        .isEqualTo("completedWithFailures");

    assertFailureDownloads(poisoned);
    assertFailurePages(failures);
    assertMetricsShowTheCounters();

    postgresql.execute("ALTER TABLE " + postgresql.table("account") + " DROP CONSTRAINT no_poison");
    SyncFixture.Cli resync = cli("resync-failures", id, "--wait");
    assertThat(resync.exitCode()).as(resync.err()).isZero();
    assertThat(resync.out())
        .contains("has started in the background")
        .contains(
            "Resync of failed records completed: "
                + poisoned.size()
                + " of "
                + poisoned.size()
                + " resynced, 0 skipped (100.0 %)");

    assertThat(api.get("/api/v1/profiles/" + id + "/failures").json()).isEmpty();
    SyncFixture.awaitConvergence(emulator, postgresql.database(), Duration.ofSeconds(30));
    JsonNode settled = EndToEndSyncTest.awaitNothingPending(node, id);
    for (JsonNode entity : settled.path("entities")) {
      assertThat(entity.path("pendingNotifications").asLong()).as(entity.toString()).isZero();
      assertThat(entity.path("totalNotifications").asLong())
          .isEqualTo(
              entity.path("succeededNotifications").asLong()
                  + entity.path("failedNotifications").asLong());
    }
  }

  /** Accounts created at once (one page, one batch): every third one breaks the constraint. */
  private Set<String> createAccountsSomePoisoned() {
    EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
    Set<String> poisoned = new TreeSet<>();
    for (int i = 0; i < 12; i++) {
      Object[] values = new Object[account.attributes().size()];
      boolean poison = i % 4 == 1;
      values[account.indexOf("name")] = (poison ? POISON : "Fine") + " account " + i;
      UUID created = emulator.store().create(account, values).id();
      if (poison) {
        poisoned.add(created.toString());
      }
    }
    return poisoned;
  }

  private void assertFailureDownloads(Set<String> poisoned) throws Exception {
    ApiCalls.Response csv = api.get("/api/v1/profiles/" + id + "/failures?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("entity,recordId,changeType,syncTime,reason,attempts,firstFailedAt,failedAt");
    assertThat(lines).hasSize(poisoned.size() + 1);
    poisoned.forEach(
        recordId -> assertThat(csv.body()).contains("account," + recordId + ",upsert"));
    assertThat(csv.body()).doesNotContain(POISON);

    ApiCalls.Response unknown = api.get("/api/v1/profiles/" + id + "/failures?format=xml");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("code").asText()).isEqualTo("badRequest");
    assertThat(api.get("/api/v1/profiles/nosuch/failures").status()).isEqualTo(404);

    SyncFixture.Cli csvByCli = cli("failures", id, "--format", "csv");
    assertThat(csvByCli.exitCode()).as(csvByCli.err()).isZero();
    assertThat(csvByCli.out().lines().toList()).hasSize(poisoned.size() + 1);
    SyncFixture.Cli jsonByCli = cli("failures", id);
    assertThat(jsonByCli.exitCode()).as(jsonByCli.err()).isZero();
    poisoned.forEach(recordId -> assertThat(jsonByCli.out()).contains(recordId));
  }

  /**
   * The log a page at a time (what the console reads): each page says the total and the afterId of
   * the next page, null on the last; its entries are the download's, by id, each with its id.
   */
  private void assertFailurePages(JsonNode downloaded) throws Exception {
    String failures = "/api/v1/profiles/" + id + "/failures";
    JsonNode first = page(failures + "?limit=2");
    assertThat(first.path("total").asLong()).isEqualTo(3);
    assertThat(first.path("entries")).hasSize(2);
    long firstId = first.path("entries").get(0).path("id").asLong();
    long secondId = first.path("entries").get(1).path("id").asLong();
    assertThat(secondId).isGreaterThan(firstId);
    assertThat(first.path("nextAfterId").asLong()).isEqualTo(secondId);

    JsonNode last = page(failures + "?limit=2&afterId=" + secondId);
    assertThat(last.path("total").asLong()).isEqualTo(3);
    assertThat(last.path("entries")).hasSize(1);
    assertThat(last.path("entries").get(0).path("id").asLong()).isGreaterThan(secondId);
    assertThat(last.path("nextAfterId").isNull()).as("no page after the last").isTrue();

    JsonNode whole = page(failures + "?afterId=0");
    assertThat(whole.path("nextAfterId").isNull()).as("one page of the default size").isTrue();
    List<JsonNode> withoutIds = new ArrayList<>();
    for (JsonNode entry : whole.path("entries")) {
      withoutIds.add(((ObjectNode) entry.deepCopy()).without("id"));
    }
    assertThat(withoutIds).as("the entries, as downloaded").containsExactlyElementsOf(downloaded);
    JsonNode fullLastPage = page(failures + "?limit=3");
    assertThat(fullLastPage.path("entries")).hasSize(3);
    assertThat(fullLastPage.path("nextAfterId").isNull()).as("a full last page").isTrue();
    JsonNode beyond = page(failures + "?limit=2&afterId=" + Long.MAX_VALUE);
    assertThat(beyond.path("entries")).isEmpty();
    assertThat(beyond.path("total").asLong()).isEqualTo(3);
    assertThat(beyond.path("nextAfterId").isNull()).isTrue();

    assertThat(page(failures + "?entity=account&limit=2").path("total").asLong()).isEqualTo(3);
    JsonNode contacts = page(failures + "?entity=contact");
    assertThat(contacts.path("entries")).isEmpty();
    assertThat(contacts.path("total").asLong()).isZero();

    assertBadRequest(failures + "?limit=0", "limit = '0': give a whole number from 1 to 1000");
    assertBadRequest(failures + "?limit=1001", "limit = '1001'");
    assertBadRequest(failures + "?limit=ten", "limit = 'ten'");
    assertBadRequest(failures + "?afterId=-1", "afterId = '-1': give a whole number from 0");
    assertBadRequest(failures + "?entity=", "give an entity's logical name");
    assertBadRequest(failures + "?format=csv&limit=10", "format=csv downloads the whole");
    assertThat(api.get("/api/v1/profiles/nosuch/failures?limit=10").status()).isEqualTo(404);
  }

  private JsonNode page(String path) throws Exception {
    ApiCalls.Response answer = api.get(path);
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    return answer.json();
  }

  private void assertBadRequest(String path, String message) throws Exception {
    ApiCalls.Response answer = api.get(path);
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
    JsonNode error = answer.json().path("error");
    assertThat(error.path("code").asText()).isEqualTo("badRequest");
    assertThat(error.path("message").asText()).as(path).contains(message);
  }

  private void assertMetricsShowTheCounters() throws Exception {
    ApiCalls.Response metrics = api.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    String labels = "{entity=\"account\",profile=\"" + id + "\"}";
    assertThat(metrics.body())
        .contains("dataexport_notifications_failed_total" + labels + " 3.0")
        .contains("dataexport_notifications_total" + labels)
        .contains("dataexport_notifications_succeeded_total" + labels)
        .contains("dataexport_notifications_pending" + labels)
        .contains("dataexport_notifications_parked" + labels)
        .contains("dataexport_lag_seconds" + labels)
        .contains("dataexport_throughput" + labels)
        .contains("dataexport_initial_sync_progress" + labels + " 1.0")
        .contains("dataexport_apply_seconds_count" + labels)
        .contains("dataexport_failure_log_records{profile=\"" + id + "\"} 3.0");
  }

  private JsonNode awaitInitialSyncOf(String entity) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = api.get("/api/v1/profiles/" + id + "/status").json();
      boolean done = status.path("entities").size() > 0;
      for (JsonNode e : status.path("entities")) {
        done &= e.path("initialSyncState").asText().equals("completed");
      }
      if (done) {
        for (JsonNode e : status.path("entities")) {
          if (e.path("name").asText().equals(entity)) {
            return e;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the initial sync did not complete within 60 s");
  }

  private JsonNode awaitFailures(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode failures;
    do {
      failures = api.get("/api/v1/profiles/" + id + "/failures?format=json").json();
      if (failures.size() >= count) {
        return failures;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("expected " + count + " failures, the log holds " + failures);
  }

  private JsonNode accountStatus() throws Exception {
    for (JsonNode e : api.get("/api/v1/profiles/" + id + "/status").json().path("entities")) {
      if (e.path("name").asText().equals("account")) {
        return e;
      }
    }
    throw new AssertionError("no account in the status");
  }

  private static Set<String> recordIds(JsonNode failures) {
    Set<String> ids = new TreeSet<>();
    failures.forEach(f -> ids.add(f.path("recordId").asText()));
    return ids;
  }

  private List<String> accountDifferencesIgnoring(Set<String> ids) throws Exception {
    EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
    Map<String, Map<String, String>> expected = DestinationComparison.expected(emulator, account);
    ids.forEach(expected::remove);
    DestinationDatabase database = postgresql.database();
    try (Connection connection = database.connect()) {
      Map<String, Map<String, String>> actual =
          DestinationComparison.actual(
              connection, database.table("account"), account, database.reader());
      return new ArrayList<>(DestinationComparison.differences(expected, actual, 10));
    }
  }

  private SyncFixture.Cli cli(String... args) {
    return SyncFixture.profileCommand(node.port(), ApiCalls.adminKey(node), args);
  }
}
