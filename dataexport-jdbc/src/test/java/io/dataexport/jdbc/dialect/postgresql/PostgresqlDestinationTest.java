package io.dataexport.jdbc.dialect.postgresql;

import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import io.dataexport.jdbc.DestinationBehaviourTest;
import io.dataexport.jdbc.TestEntities;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour suite on a real PostgreSQL, each test in schemas of its own (created by the
 * destination, dropped afterwards), plus PostgreSQL's column types and connection messages.
 */
class PostgresqlDestinationTest extends DestinationBehaviourTest {
  private final String schema = PostgresqlTestServer.uniqueName("detest");
  private final String secondSchema = schema + "b";

  @AfterEach
  void dropSchemas() {
    closeDestinations();
    PostgresqlTestServer.dropSchemas(schema, secondSchema);
  }

  @Override
  protected DestinationConfig config(String tablePrefix) {
    return config(schema, tablePrefix);
  }

  private static DestinationConfig config(String schema, String tablePrefix) {
    return new DestinationConfig(
        "postgresql",
        PostgresqlTestServer.URL,
        PostgresqlTestServer.USER,
        PostgresqlTestServer.PASSWORD.isEmpty() ? null : Secret.of(PostgresqlTestServer.PASSWORD),
        schema,
        tablePrefix);
  }

  @Override
  protected DestinationConfig configInSecondSchema(String tablePrefix) {
    return config(secondSchema, tablePrefix);
  }

  @Override
  protected DestinationConfig unreachableConfig() {
    return new DestinationConfig(
        "postgresql",
        "jdbc:postgresql://127.0.0.1:1/test",
        "postgres",
        Secret.of("s3cr3t-pw"),
        schema,
        null);
  }

  @Override
  protected Connection connect() {
    return PostgresqlTestServer.admin();
  }

  @Override
  protected String qualified(String table) {
    return '"' + schema + "\".\"" + table + '"';
  }

  @Override
  protected String qualifiedInSecondSchema(String table) {
    return '"' + secondSchema + "\".\"" + table + '"';
  }

  @Override
  protected boolean tableExists(String table) throws SQLException {
    return !columnTypes(table).isEmpty();
  }

  @Test
  void columnsHavePostgresqlsNativeTypes() throws SQLException {
    open(config("s")).prepare(List.of(TestEntities.account()), true);

    Map<String, String> types = columnTypes("s_account");
    assertThat(types)
        .containsEntry("Id", "uuid")
        .containsEntry("name", "character varying(160)")
        .containsEntry("description", "text")
        .containsEntry("numberofemployees", "integer")
        .containsEntry("new_bigcount", "bigint")
        .containsEntry("exchangerate", "numeric(38,10)")
        .containsEntry("revenue", "numeric(38,4)")
        .containsEntry("address1_latitude", "double precision")
        .containsEntry("donotemail", "boolean")
        .containsEntry("createdon", "timestamp with time zone")
        .containsEntry("new_foundedon", "date")
        .containsEntry("primarycontactid", "uuid")
        .containsEntry("primarycontactid_entitytype", "character varying(128)")
        .containsEntry("new_channels", "text")
        .containsEntry("versionnumber", "bigint")
        .containsEntry("SinkModifiedOn", "timestamp with time zone");
    assertThat(columnTypes("s_dataexport_tombstones"))
        .containsEntry("EntityName", "character varying(128)")
        .containsEntry("RecordId", "uuid");
    assertThat(columnTypes("s_DeleteLog")).containsEntry("Id", "bigint");
  }

  @Test
  void aTableWhoseColumnTypesWereChangedByHandStillTakesLargeBatchesExactly() throws SQLException {
    Destination destination = prepared("s", TestEntities.account());
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "ALTER TABLE " + qualified("s_account") + " ALTER COLUMN new_externalid TYPE text");
      statement.execute(
          "ALTER TABLE " + qualified("s_account") + " ALTER COLUMN numberofemployees TYPE bigint");
    }
    UUID external = UUID.fromString("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d");

    destination.apply(
        TestEntities.account(),
        batch(
            i ->
                upsert(
                    "account",
                    id(i),
                    1,
                    Map.of("new_externalid", external.toString(), "numberofemployees", (long) i))));

    List<Map<String, Object>> rows = rows("s_account");
    assertThat(rows).hasSize(LARGE);
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.get("new_externalid")).isEqualTo(external.toString()));
    assertThat(rows)
        .extracting(r -> readLong(r.get("numberofemployees")))
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.LongStream.range(0, LARGE).boxed().toList());
  }

  @Test
  void manyLargeRoundsOverExistingRowsThenNewKeysAreAllWrittenExactly() throws SQLException {
    // past the rounds after a conflict that skip the direct copy, so later rounds look their keys
    // up first: existing keys (staged merge), then new ones (direct copy again)
    int rows = PostgresqlBulkUpsert.MINIMUM_ROWS;
    int rounds = PostgresqlBulkUpsert.PROBE_EVERY + 3;
    Destination destination = prepared("s", TestEntities.account());
    destination.apply(
        TestEntities.account(),
        round(rows, i -> upsert("account", id(i), 1, Map.of("name", "v1"))));
    for (int round = 0; round < rounds; round++) {
      long version = 2 + round;
      destination.apply(
          TestEntities.account(),
          round(rows, i -> upsert("account", id(i), version, Map.of("name", "v" + version))));
    }
    destination.apply(
        TestEntities.account(),
        round(rows, i -> upsert("account", id(rows + i), 1, Map.of("name", "new"))));

    List<Map<String, Object>> written = rows("s_account");
    assertThat(written).hasSize(2 * rows);
    String last = "v" + (1 + rounds);
    assertThat(written)
        .allSatisfy(
            r ->
                assertThat(r.get("name"))
                    .isEqualTo(
                        readGuid(r.get("Id")).getLeastSignificantBits() < rows ? last : "new"));
  }

  private static List<SyncNotification> round(int size, IntFunction<SyncNotification> change) {
    return IntStream.range(0, size).mapToObj(change).toList();
  }

  @Test
  void widenedColumnsBecomeLongerVarcharsThenText() throws SQLException {
    Destination destination = open(config("s"));
    destination.prepare(List.of(TestEntities.account()), false);

    destination.prepare(List.of(TestEntities.accountWithRating()), false);
    assertThat(columnTypes("s_account")).containsEntry("name", "character varying(400)");
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", UUID.randomUUID(), 1, Map.of("name", "x".repeat(4_001)))));
    assertThat(columnTypes("s_account")).containsEntry("name", "text");
  }

  @Test
  void theSchemaIsCreatedByPrepareAndValidateAcceptsThatItIsMissing() throws SQLException {
    Destination destination = open(config("s"));
    assertThat(destination.validate()).isEmpty();
    assertThat(columnTypes("s_account")).isEmpty();

    destination.prepare(List.of(TestEntities.account()), false);

    assertThat(columnTypes("s_account")).containsKey("Id");
    assertThat(destination.validate()).isEmpty();
  }

  @Test
  void anUnreachableServerIsNamedByHostAndPort() {
    List<Problem> problems = open(unreachableConfig()).validate();

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("destination.jdbcUrl");
              assertThat(p.message())
                  .contains("cannot connect to PostgreSQL at 127.0.0.1:1")
                  .contains("Check that the server is running");
            });
  }

  @Test
  void aServerThatRefusesConnectionsIsUnavailableRatherThanTheRecordsFault() {
    Destination destination = open(unreachableConfig());

    assertThatThrownBy(
            () ->
                destination.apply(
                    TestEntities.account(),
                    List.of(upsert("account", UUID.randomUUID(), 1, Map.of("name", "a")))))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("try again later");
  }

  @Test
  void anUnknownUserAndAMissingDatabaseAreToldApart() {
    DestinationConfig unknownUser =
        new DestinationConfig(
            "postgresql", PostgresqlTestServer.URL, "nosuchuser", null, schema, null);
    DestinationConfig missingDatabase =
        new DestinationConfig(
            "postgresql",
            PostgresqlTestServer.URL.replaceAll("/[^/?]+(\\?.*)?$", "/nosuchdatabase"),
            PostgresqlTestServer.USER,
            null,
            schema,
            null);

    assertThat(open(unknownUser).validate())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("destination.username");
              assertThat(p.message()).contains("rejected the login");
            });
    assertThat(open(missingDatabase).validate())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("does not exist"));
  }

  @Test
  void aNameLongerThanPostgresqlKeepsIsRefusedNotTruncated() {
    DestinationConfig config = config("p" + "x".repeat(13));
    Destination destination = open(config);

    assertThatThrownBy(
            () -> destination.prepare(List.of(TestEntities.named("new_" + "x".repeat(46))), false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("63 bytes");
  }

  private Map<String, String> columnTypes(String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection connection = connect();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                    + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid ="
                    + " c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0"
                    + " AND NOT a.attisdropped ORDER BY a.attnum")) {
      select.setString(1, schema);
      select.setString(2, table);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }
}
