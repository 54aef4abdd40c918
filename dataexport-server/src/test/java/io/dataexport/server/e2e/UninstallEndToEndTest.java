package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uninstalling (SPEC §11) against a real PostgreSQL destination whose schema also holds tables of
 * the customer's own: everything the service keeps goes, with {@code dropTables} exactly the tables
 * it created, and the customer's tables stay with their rows.
 */
class UninstallEndToEndTest {
  @TempDir Path data;
  private PostgresqlTestSchema postgresql;
  private DataverseEmulator emulator;
  private ServiceNode node;

  @BeforeEach
  void start() throws Exception {
    postgresql = new PostgresqlTestSchema();
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(20));
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
      postgresql.close();
    }
  }

  @Test
  void theApiUninstallsOnlyWithTheServiceIdAndLeavesTheCustomersTables() throws Exception {
    Path service = data.resolve("service");
    node = ServiceNode.start(service, "127.0.0.1", 0, SyncFixture.quickRetries());
    syncAndAddCustomerTables();
    ApiCalls api = new ApiCalls(node);
    String serviceId = api.get("/api/v1/health").json().path("serviceId").asText();

    assertThat(api.delete("/api/v1").status()).isEqualTo(400);
    ApiCalls.Response wrong = api.delete("/api/v1?confirm=not-this-one");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("is not this service's id");
    assertThat(serviceTables()).isNotEmpty();

    ApiCalls.Response done = api.delete("/api/v1?confirm=" + serviceId + "&dropTables=true");

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    JsonNode report = done.json();
    assertThat(report.path("serviceId").asText()).isEqualTo(serviceId);
    assertThat(report.path("profiles").get(0).path("droppedTables").toString())
        .contains(postgresql.schema() + ".account")
        .contains("dataexport_tombstones")
        .contains("OptionSetMetadata");
    assertThat(node.uninstalled()).succeedsWithin(Duration.ofSeconds(5));
    assertTheCustomersTablesAloneRemain();
    assertThat(service.resolve("config.sqlite")).doesNotExist();
    assertThat(service.resolve("bus")).doesNotExist();
    assertThat(service.resolve("blobs")).doesNotExist();
    assertThat(service.resolve("keys")).doesNotExist();
  }

  @Test
  void theCommandShowsWhatItWouldRemoveAndRemovesItWhenConfirmed() throws Exception {
    Path service = data.resolve("service");
    node = ServiceNode.start(service, "127.0.0.1", 0, SyncFixture.quickRetries());
    syncAndAddCustomerTables();
    String serviceId = new ApiCalls(node).get("/api/v1/health").json().path("serviceId").asText();
    node.close();
    node = null;

    SyncFixture.Cli dryRun =
        SyncFixture.cli("uninstall", "--data", service.toString(), "--drop-tables");
    assertThat(dryRun.exitCode()).isEqualTo(2);
    assertThat(dryRun.out()).contains("Run again with --confirm " + serviceId);
    assertThat(serviceTables()).isNotEmpty();

    SyncFixture.Cli wrong =
        SyncFixture.cli("uninstall", "--data", service.toString(), "--confirm", "x");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.err()).contains("is not the id of this service");

    SyncFixture.Cli done =
        SyncFixture.cli(
            "uninstall", "--data", service.toString(), "--drop-tables", "--confirm", serviceId);
    assertThat(done.exitCode()).as(done.err()).isZero();
    assertThat(done.out())
        .contains("Deleted profile uninstall")
        .contains("dropped table " + postgresql.schema() + ".account")
        .contains("Removed the config & metrics store of service " + serviceId)
        .contains("is uninstalled");
    assertTheCustomersTablesAloneRemain();
    assertThat(service.resolve("config.sqlite")).doesNotExist();
    assertThat(service.resolve("keys")).doesNotExist();
  }

  @Test
  void deletingOneProfileWithDropTablesDropsItsTablesOnly() throws Exception {
    node = ServiceNode.start(data.resolve("service"), "127.0.0.1", 0, SyncFixture.quickRetries());
    String id = syncAndAddCustomerTables();

    ApiCalls.Response done =
        new ApiCalls(node).delete("/api/v1/profiles/" + id + "?dropTables=true");

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().path("droppedTables").toString())
        .contains(postgresql.schema() + ".contact");
    assertTheCustomersTablesAloneRemain();
    assertThat(node.profiles().list()).isEmpty();
    assertThat(new ApiCalls(node).delete("/api/v1/profiles/" + id).status()).isEqualTo(404);
  }

  /** Syncs a profile into the schema, then adds the customer's own tables there. */
  private String syncAndAddCustomerTables() throws Exception {
    String id =
        node.profiles()
            .create(SyncFixture.profile("uninstall", emulator, postgresql.destination(), false))
            .id();
    node.profiles().activate(id);
    SyncFixture.awaitInitialSync(node, id);
    try (Connection connection = postgresql.admin();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE " + postgresql.table("customer_notes") + " (id int, note text)");
      statement.execute("INSERT INTO " + postgresql.table("customer_notes") + " VALUES (1, 'a')");
      statement.execute("CREATE TABLE " + postgresql.table("account_backup") + " (id int)");
      statement.execute("INSERT INTO " + postgresql.table("account_backup") + " VALUES (7)");
    }
    return id;
  }

  private void assertTheCustomersTablesAloneRemain() throws SQLException {
    assertThat(serviceTables()).containsExactlyInAnyOrder("account_backup", "customer_notes");
    try (Connection connection = postgresql.admin();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM "
                    + postgresql.table("customer_notes")
                    + ") + (SELECT count(*) FROM "
                    + postgresql.table("account_backup")
                    + ")")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(2);
    }
  }

  /** Every table in the schema. */
  private List<String> serviceTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = postgresql.admin();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + postgresql.schema()
                    + "'")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }
}
