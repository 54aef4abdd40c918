package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.throttle.ServiceProtectionLimits;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import io.dataexport.server.auth.Role;
import io.dataexport.server.node.ServiceNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile lifecycle of SPEC §3 through the REST API, against the emulator over HTTP. */
class ProfileLifecycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path data;
  private DataverseEmulator emulator;
  private ServiceNode node;
  private String token;

  private void start(EmulatorSettings settings) {
    emulator = DataverseEmulator.start(settings.withPort(0));
    node =
        ServiceNode.start(
            data.resolve("service"),
            "127.0.0.1",
            0,
            SyncSettings.defaults().withPollInterval(Duration.ofMillis(200)));
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void deactivateStopsReadingAndReactivateResumesWithoutAFullResync() throws Exception {
    start(EmulatorSettings.defaults().withSeedRecords(300));
    Path sqlite = data.resolve("crm.sqlite");
    String id = create(SyncFixture.profile("resume", emulator, sqlite, false));
    call("POST", "profiles/" + id + "/activate", null, 200);
    SyncFixture.awaitConvergence(emulator, sqlite, Duration.ofSeconds(60));
    // a full read ends (sweep, cursor moved to the delta) shortly after its rows are applied
    SyncFixture.awaitInitialSync(node, id);
    long readBefore = rowsRead(id);

    JsonNode deactivated = call("POST", "profiles/" + id + "/deactivate", null, 200);
    assertThat(deactivated.path("state").asText()).isEqualTo("inactive");
    new ChangeWorkload(emulator.store(), WorkloadSettings.defaults().withSeed(3), null)
        .applyChanges(150);
    Thread.sleep(1500);
    assertThat(SyncFixture.differences(emulator, sqlite))
        .as("no changes flow while inactive")
        .isNotEmpty();

    call("POST", "profiles/" + id + "/activate", null, 200);
    SyncFixture.awaitConvergence(emulator, sqlite, Duration.ofSeconds(60));
    assertThat(rowsRead(id)).as("rows read by initial syncs").isEqualTo(readBefore);
  }

  @Test
  void anExpiredChangeTokenLeadsToAFullReExportThatConverges() throws Exception {
    start(
        EmulatorSettings.defaults()
            .withSeedRecords(200)
            .withChangeRetention(Duration.ofSeconds(6)));
    Path sqlite = data.resolve("crm.sqlite");
    String id = create(SyncFixture.profile("expiry", emulator, sqlite, false));
    call("POST", "profiles/" + id + "/activate", null, 200);
    SyncFixture.awaitConvergence(emulator, sqlite, Duration.ofSeconds(60));
    call("POST", "profiles/" + id + "/deactivate", null, 200);

    ChangeWorkload workload =
        new ChangeWorkload(
            emulator.store(), WorkloadSettings.defaults().withMix(1, 2, 3).withSeed(8), null);
    workload.applyChanges(300);
    Thread.sleep(7000);
    emulator.store().forgetExpiredChanges();
    call("POST", "profiles/" + id + "/activate", null, 200);

    SyncFixture.awaitConvergence(emulator, sqlite, Duration.ofSeconds(90));
    assertThat(workload.deleted()).isPositive();
  }

  @Test
  void throttlingStormsSlowTheSyncButLoseNothing() throws Exception {
    start(EmulatorSettings.defaults().withSeedRecords(400));
    emulator
        .serviceProtection()
        .enable(new ServiceProtectionLimits(15, Duration.ofMinutes(20), 52, Duration.ofSeconds(2)));
    Path sqlite = data.resolve("crm.sqlite");
    String id = create(SyncFixture.profile("throttled", emulator, sqlite, false));
    call("POST", "profiles/" + id + "/activate", null, 200);
    new ChangeWorkload(emulator.store(), WorkloadSettings.defaults().withSeed(4), null)
        .applyChanges(200);

    SyncFixture.awaitConvergence(emulator, sqlite, Duration.ofSeconds(120));
    assertThat(emulator.serviceProtection().throttledRequests()).isPositive();
  }

  @Test
  void anInvalidProfileIsRefusedWithEveryProblem() throws Exception {
    start(EmulatorSettings.defaults().withSeedRecords(1));
    ObjectNode document = JSON.createObjectNode();
    document.put("name", "");
    document.put("retryCount", 50);
    document.putObject("destination").put("tablePrefix", "not-alphanumeric");

    JsonNode error = call("POST", "profiles", document, 400).path("error");

    assertThat(error.path("code").asText()).isEqualTo("invalidProfile");
    List<String> fields = new ArrayList<>();
    error.path("details").forEach(d -> fields.add(d.path("field").asText()));
    assertThat(fields)
        .contains("name", "source", "entities", "retryCount", "destination.tablePrefix");
    assertThat(error.path("details").get(0).path("message").asText()).isNotBlank();
    assertThat(call("POST", "profiles", null, 400).path("error").path("code").asText())
        .isEqualTo("badRequest");
    assertThat(call("GET", "profiles/nosuch", null, 404).path("error").path("code").asText())
        .isEqualTo("profileNotFound");
  }

  @Test
  void validateAndActivateReportUnknownAndUntrackedEntitiesAndUnreachableEnds() throws Exception {
    start(EmulatorSettings.defaults().withSeedRecords(1));
    ObjectNode document =
        SyncFixture.profile("checks", emulator, data.resolve("crm.sqlite"), false);
    ArrayNode entities = document.putArray("entities");
    entities.add("account").add("nosuchentity").add("businessunit");
    document.putArray("relationships");

    JsonNode validation = call("POST", "profiles/validate", document, 200);
    assertThat(validation.path("valid").asBoolean()).isFalse();
    assertThat(fields(validation.path("problems"))).contains("entities[1]", "entities[2]");

    ObjectNode unreachable = document.deepCopy();
    ((ObjectNode) unreachable.path("source")).put("url", "http://127.0.0.1:1");
    ((ObjectNode) unreachable.path("destination"))
        .put("jdbcUrl", "jdbc:sqlite:/proc/no/such/dir/crm.sqlite");
    assertThat(fields(call("POST", "profiles/validate", unreachable, 200).path("problems")))
        .contains("source.url", "destination.jdbcUrl");

    String id = create(document);
    JsonNode refused = call("POST", "profiles/" + id + "/activate", null, 400).path("error");
    assertThat(fields(refused.path("details"))).contains("entities[1]", "entities[2]");
    assertThat(call("GET", "profiles/" + id, null, 200).path("state").asText())
        .isEqualTo("created");
  }

  @Test
  void entitiesAreAddedAndRemovedOnAnActiveProfileAndDeleteKeepsTheTables() throws Exception {
    start(EmulatorSettings.defaults().withSeedRecords(100));
    Path sqlite = data.resolve("crm.sqlite");
    ObjectNode document = SyncFixture.profile("evolving", emulator, sqlite, false);
    document.putArray("entities").add("account");
    document.putArray("relationships");
    String id = create(document);
    call("POST", "profiles/" + id + "/activate", null, 200);
    awaitRows(sqlite, "account", 100);

    document.putArray("entities").add("account").add("lead");
    JsonNode updated = call("PUT", "profiles/" + id, document, 200);
    assertThat(updated.path("entities")).hasSize(2);
    awaitRows(sqlite, "lead", 100);

    document.putArray("entities").add("lead");
    call("PUT", "profiles/" + id, document, 200);
    assertThat(names(call("GET", "profiles/" + id + "/status", null, 200).path("entities")))
        .contains("lead");

    call("DELETE", "profiles/" + id, null, 204);
    call("GET", "profiles/" + id, null, 404);
    assertThat(Files.exists(data.resolve("service").resolve("bus").resolve(id))).isFalse();
    assertThat(countRows(sqlite, "account")).isEqualTo(100);
  }

  @Test
  void aProfileWhoseSourceIsDownHoldsUpNoOtherAndCanBeDeletedWhileItStarts() throws Exception {
    start(EmulatorSettings.defaults().withSeedRecords(50));
    Path downSqlite = data.resolve("down.sqlite");
    Path upSqlite = data.resolve("up.sqlite");
    String up;
    try (DataverseEmulator other =
        DataverseEmulator.start(EmulatorSettings.defaults().withSeedRecords(50).withPort(0))) {
      String down = create(SyncFixture.profile("down", emulator, downSqlite, false));
      up = create(SyncFixture.profile("up", other, upSqlite, false));
      call("POST", "profiles/" + down + "/activate", null, 200);
      call("POST", "profiles/" + up + "/activate", null, 200);
      SyncFixture.awaitConvergence(emulator, downSqlite, Duration.ofSeconds(60));
      SyncFixture.awaitConvergence(other, upSqlite, Duration.ofSeconds(60));

      // restarted with the first profile's source gone: its start retries for up to two minutes
      node.close();
      emulator.close();
      emulator = null;
      node =
          ServiceNode.start(
              data.resolve("service"),
              "127.0.0.1",
              0,
              SyncSettings.defaults().withPollInterval(Duration.ofMillis(200)));
      awaitRunning(up);
      assertThat(node.profiles().isRunning(down)).as("still starting").isFalse();

      // neither waits for that start: the other profile rests and runs again, this one goes
      Duration prompt = Duration.ofSeconds(30);
      JsonNode rested = call("POST", "profiles/" + up + "/deactivate", null, 200, prompt);
      assertThat(rested.path("state").asText()).isEqualTo("inactive");
      call("POST", "profiles/" + up + "/activate", null, 200, prompt);
      call("DELETE", "profiles/" + down, null, 204, prompt);
      call("GET", "profiles/" + down, null, 404);
      assertThat(node.profiles().isRunning(down)).isFalse();
      new ChangeWorkload(other.store(), WorkloadSettings.defaults().withSeed(5), null)
          .applyChanges(50);
      SyncFixture.awaitConvergence(other, upSqlite, Duration.ofSeconds(60));
    }

    // its source gone too: the status says so while the readers retry, long before they give up
    awaitEveryEntityShowing(up, "The source failed", Duration.ofSeconds(30));
    // and the running profile still goes at once: its readers stop retrying
    call("DELETE", "profiles/" + up, null, 204, Duration.ofSeconds(30));
    assertThat(node.profiles().isRunning(up)).isFalse();
  }

  private void awaitEveryEntityShowing(String id, String error, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode entities = call("GET", "profiles/" + id + "/status", null, 200).path("entities");
    while (!everyShows(entities, error) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      entities = call("GET", "profiles/" + id + "/status", null, 200).path("entities");
    }
    assertThat(everyShows(entities, error))
        .as("every entity's error says \"%s\" within %s: %s", error, timeout, entities)
        .isTrue();
  }

  private static boolean everyShows(JsonNode entities, String error) {
    boolean all = !entities.isEmpty();
    for (JsonNode entity : entities) {
      all &= entity.path("error").asText().contains(error);
    }
    return all;
  }

  private void awaitRunning(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!node.profiles().isRunning(id) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(node.profiles().isRunning(id)).as(id + " runs").isTrue();
  }

  private String create(JsonNode document) throws Exception {
    JsonNode created = call("POST", "profiles", document, 201);
    assertThat(created.path("state").asText()).isEqualTo("created");
    assertThat(created.toString()).doesNotContain("emulator-secret");
    return created.path("id").asText();
  }

  private long rowsRead(String id) throws Exception {
    long rows = 0;
    for (JsonNode entity : call("GET", "profiles/" + id + "/status", null, 200).path("entities")) {
      rows += entity.path("initialSyncProgress").path("rowsRead").asLong();
    }
    return rows;
  }

  private JsonNode call(String method, String path, JsonNode body, int expectedStatus)
      throws Exception {
    return call(method, path, body, expectedStatus, Duration.ofMinutes(5));
  }

  /** A call that fails with an {@link java.net.http.HttpTimeoutException} after {@code timeout}. */
  private JsonNode call(
      String method, String path, JsonNode body, int expectedStatus, Duration timeout)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/" + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(expectedStatus);
    return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private static List<String> fields(JsonNode problems) {
    List<String> fields = new ArrayList<>();
    problems.forEach(p -> fields.add(p.path("field").asText()));
    return fields;
  }

  private static List<String> names(JsonNode entities) {
    List<String> names = new ArrayList<>();
    entities.forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  private static void awaitRows(Path sqlite, String table, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (countRows(sqlite, table) >= expected) {
          return;
        }
      } catch (java.sql.SQLException tableNotThereYet) {
        // keep waiting
      }
      Thread.sleep(200);
    }
    assertThat(countRows(sqlite, table)).isGreaterThanOrEqualTo(expected);
  }

  private static long countRows(Path sqlite, String table) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        ResultSet rows =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** An admin key of the node, made on first use. */
  private String token() {
    if (token == null) {
      token = node.keys().issue("test", Role.ADMIN).token();
    }
    return token;
  }
}
