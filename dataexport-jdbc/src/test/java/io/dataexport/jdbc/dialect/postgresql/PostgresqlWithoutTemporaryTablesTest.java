package io.dataexport.jdbc.dialect.postgresql;

import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.jdbc.LargeBatchBehaviourTest;
import io.dataexport.jdbc.TestEntities;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The large-batch suite as a real role without the {@code TEMPORARY} privilege, which cannot create
 * the bulk path's staging table: large batches over existing rows must still be written exactly
 * (through the batched upsert). The test makes a database of its own whose {@code PUBLIC} lacks
 * {@code TEMPORARY} (revoking it from {@code PUBLIC} in a shared database would affect others), and
 * a role that may create schemas there; both are dropped afterwards.
 */
class PostgresqlWithoutTemporaryTablesTest extends LargeBatchBehaviourTest {
  private static final String DATABASE = PostgresqlTestServer.uniqueName("detemp");
  private static final String ROLE = PostgresqlTestServer.uniqueName("detempuser");
  private static final String URL = PostgresqlTestServer.urlOf(DATABASE);
  private static final String PASSWORD = "pw";

  private final String schema = PostgresqlTestServer.uniqueName("detest");

  @BeforeAll
  static void createDatabaseAndRole() {
    PostgresqlTestServer.execute(
        "CREATE DATABASE \"" + DATABASE + "\"",
        "CREATE ROLE \"" + ROLE + "\" LOGIN PASSWORD '" + PASSWORD + "'");
    PostgresqlTestServer.executeIn(
        URL,
        "REVOKE TEMPORARY ON DATABASE \"" + DATABASE + "\" FROM PUBLIC",
        "GRANT CREATE ON DATABASE \"" + DATABASE + "\" TO \"" + ROLE + "\"");
  }

  @AfterAll
  static void dropDatabaseAndRole() {
    PostgresqlTestServer.dropDatabase(DATABASE);
    PostgresqlTestServer.dropRole(ROLE);
  }

  @AfterEach
  void dropSchema() {
    closeDestinations();
    PostgresqlTestServer.executeIn(URL, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
  }

  @Override
  protected DestinationConfig config(String tablePrefix) {
    return new DestinationConfig("postgresql", URL, ROLE, Secret.of(PASSWORD), schema, tablePrefix);
  }

  @Override
  protected DestinationConfig unreachableConfig() {
    return new DestinationConfig(
        "postgresql", "jdbc:postgresql://127.0.0.1:1/" + DATABASE, ROLE, null, schema, null);
  }

  @Override
  protected Connection connect() {
    return PostgresqlTestServer.admin(URL);
  }

  @Override
  protected String qualified(String table) {
    return '"' + schema + "\".\"" + table + '"';
  }

  @Test
  void theRoleCannotCreateTemporaryTables() throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, ROLE, PASSWORD);
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("CREATE TEMPORARY TABLE probe (x int)"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
  }

  @Test
  void largeBatchesOfNewKeysThenOfUpdatesAreWrittenExactlyWithoutAStagingTable()
      throws SQLException {
    EntitySchema account = TestEntities.account();
    Destination destination = prepared("sales", account);
    destination.apply(account, batch(i -> upsert("account", id(i), 10, values("first", i))));
    clock.advance(Duration.ofMinutes(1));

    // every other record newer, the others older than the rows: only the newer ones are written;
    // twice, so the second large batch runs after the missing privilege was noticed
    for (int pass = 0; pass < 2; pass++) {
      int newer = 11 + pass;
      destination.apply(
          account,
          batch(
              i ->
                  i % 2 == 0
                      ? upsert("account", id(i), newer, values("newer" + newer, i))
                      : upsert("account", id(i), 9, values("older", i))));
    }

    Map<UUID, Map<String, Object>> rows =
        rows("sales_account").stream()
            .collect(Collectors.toMap(r -> readGuid(r.get("Id")), Function.identity()));
    assertThat(rows).hasSize(LARGE);
    for (int i = 0; i < LARGE; i++) {
      Map<String, Object> row = rows.get(id(i));
      boolean newer = i % 2 == 0;
      assertThat(row.get("name")).isEqualTo((newer ? "newer12-" : "first-") + i);
      assertThat(readLong(row.get("numberofemployees"))).isEqualTo((long) i);
      assertThat(readDecimal(row.get("revenue"))).isEqualByComparingTo(new BigDecimal(i + ".25"));
      assertThat(readLong(row.get("versionnumber"))).isEqualTo(newer ? 12L : 10L);
      assertThat(readInstant(row.get("SinkCreatedOn"))).isEqualTo(T0);
      assertThat(readInstant(row.get("SinkModifiedOn")))
          .isEqualTo(newer ? T0.plus(Duration.ofMinutes(1)) : T0);
    }
    assertThat(stagingTables()).isZero();
  }

  @Test
  void theFallbackAlsoWorksWhenTheDriverSetsItsOwnSavepoints() throws SQLException {
    // autosave=always: the driver rolls back to a savepoint of its own on every error
    EntitySchema account = TestEntities.account();
    Destination destination =
        open(
            new DestinationConfig(
                "postgresql",
                URL + "?autosave=always",
                ROLE,
                Secret.of(PASSWORD),
                schema,
                "sales"));
    destination.prepare(List.of(account), false);
    destination.apply(account, batch(i -> upsert("account", id(i), 1, values("first", i))));
    destination.apply(account, batch(i -> upsert("account", id(i), 2, values("second", i))));

    assertThat(rows("sales_account"))
        .hasSize(LARGE)
        .allSatisfy(r -> assertThat((String) r.get("name")).startsWith("second-"));
  }

  private static Map<String, Object> values(String name, int i) {
    Map<String, Object> values = new HashMap<>();
    values.put("name", name + "-" + i);
    values.put("numberofemployees", (long) i);
    values.put("revenue", new BigDecimal(i + ".25"));
    return values;
  }

  /** Temporary tables of any session in the database: none, since none could be created. */
  private static long stagingTables() throws SQLException {
    try (Connection connection = PostgresqlTestServer.admin(URL);
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_class WHERE relpersistence = 't' AND relname LIKE ?")) {
      select.setString(1, "dataexport_stage_%");
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
