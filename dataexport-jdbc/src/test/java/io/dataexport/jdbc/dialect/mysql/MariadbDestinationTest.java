package io.dataexport.jdbc.dialect.mysql;

import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import io.dataexport.jdbc.DestinationBehaviourTest;
import io.dataexport.jdbc.TestEntities;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour suite on a real MariaDB, each test in databases of its own (the first created in
 * latin1 by the test, so only the tables' own utf8mb4 can keep emoji; the second created by the
 * destination), dropped afterwards; plus MariaDB's column types and connection messages.
 */
class MariadbDestinationTest extends DestinationBehaviourTest {
  private final String database = MariadbTestServer.uniqueName("detest");
  private final String secondDatabase = database + "b";

  @BeforeEach
  void createDatabase() {
    MariadbTestServer.execute("CREATE DATABASE `" + database + "` CHARACTER SET latin1");
  }

  @AfterEach
  void dropDatabases() {
    closeDestinations();
    MariadbTestServer.dropDatabases(database, secondDatabase);
  }

  @Override
  protected DestinationConfig config(String tablePrefix) {
    return new DestinationConfig(
        "mysql",
        MariadbTestServer.url(database),
        MariadbTestServer.USER,
        password(),
        null,
        tablePrefix);
  }

  private static Secret password() {
    return MariadbTestServer.PASSWORD.isEmpty() ? null : Secret.of(MariadbTestServer.PASSWORD);
  }

  @Override
  protected DestinationConfig configInSecondSchema(String tablePrefix) {
    return new DestinationConfig(
        "mysql",
        MariadbTestServer.url(database),
        MariadbTestServer.USER,
        password(),
        secondDatabase,
        tablePrefix);
  }

  @Override
  protected DestinationConfig unreachableConfig() {
    return new DestinationConfig(
        "mysql",
        "jdbc:mariadb://127.0.0.1:1/" + database,
        "root",
        Secret.of("s3cr3t-pw"),
        null,
        null);
  }

  @Override
  protected Connection connect() {
    return MariadbTestServer.admin();
  }

  @Override
  protected String qualified(String table) {
    return '`' + database + "`.`" + table + '`';
  }

  @Override
  protected String qualifiedInSecondSchema(String table) {
    return '`' + secondDatabase + "`.`" + table + '`';
  }

  @Override
  protected boolean tableExists(String table) throws SQLException {
    return !columnTypes(table).isEmpty();
  }

  /** DATETIME has no time zone: the driver's Timestamp holds UTC wall-clock time. */
  @Override
  protected Instant readInstant(Object raw) {
    return switch (raw) {
      case Timestamp t -> t.toLocalDateTime().toInstant(ZoneOffset.UTC);
      case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
      default -> super.readInstant(raw);
    };
  }

  @Test
  void columnsHaveMariadbTypesInUtf8mb4() throws SQLException {
    open(config("s")).prepare(List.of(TestEntities.account()), true);

    Map<String, String> types = columnTypes("s_account");
    assertThat(types)
        .containsEntry("Id", "char(36) ascii")
        .containsEntry("name", "varchar(160) utf8mb4")
        .containsEntry("description", "longtext utf8mb4")
        .containsEntry("numberofemployees", "int(11)")
        .containsEntry("new_bigcount", "bigint(20)")
        .containsEntry("exchangerate", "decimal(38,10)")
        .containsEntry("revenue", "decimal(38,4)")
        .containsEntry("address1_latitude", "double")
        .containsEntry("donotemail", "tinyint(1)")
        .containsEntry("createdon", "datetime(6)")
        .containsEntry("new_foundedon", "date")
        .containsEntry("new_channels", "longtext utf8mb4")
        .containsEntry("versionnumber", "bigint(20)")
        .containsEntry("SinkModifiedOn", "datetime(6)");
    assertThat(columnTypes("s_dataexport_tombstones"))
        .containsEntry("EntityName", "varchar(128) utf8mb4")
        .containsEntry("RecordId", "char(36) ascii");
  }

  @Test
  void widenedColumnsBecomeLongerVarcharsThenLongtext() throws SQLException {
    Destination destination = open(config("s"));
    destination.prepare(List.of(TestEntities.account()), false);
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", UUID.randomUUID(), 1, Map.of("name", "x".repeat(200)))));
    assertThat(columnTypes("s_account")).containsEntry("name", "varchar(200) utf8mb4");

    destination.prepare(List.of(TestEntities.accountWithRating()), false);

    assertThat(columnTypes("s_account")).containsEntry("name", "longtext utf8mb4");
  }

  @Test
  void aJdbcMysqlUrlIsServedByTheSameDialect() throws SQLException {
    DestinationConfig mysqlUrl =
        new DestinationConfig(
            "mysql",
            MariadbTestServer.url(database).replace("jdbc:mariadb:", "jdbc:mysql:"),
            MariadbTestServer.USER,
            password(),
            null,
            "m");
    Destination destination = open(mysqlUrl);

    assertThat(destination.validate()).isEmpty();
    destination.prepare(List.of(TestEntities.account()), false);
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", UUID.randomUUID(), 1, Map.of("name", "🚀 via jdbc:mysql"))));
    assertThat(rows("m_account"))
        .extracting(r -> r.get("name"))
        .containsExactly("🚀 via jdbc:mysql");
  }

  @Test
  void anUnreachableServerIsNamedByHostAndPort() {
    assertThat(open(unreachableConfig()).validate())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains("cannot connect to MySQL/MariaDB at 127.0.0.1:1")
                    .doesNotContain("s3cr3t-pw"));
  }

  @Test
  void aWrongPasswordAndAMissingDatabaseAreToldApart() {
    DestinationConfig wrongPassword =
        new DestinationConfig(
            "mysql", MariadbTestServer.url(database), "root", Secret.of("wrong-pw"), null, null);
    DestinationConfig missingDatabase =
        new DestinationConfig(
            "mysql",
            MariadbTestServer.url(database + "x"),
            MariadbTestServer.USER,
            password(),
            null,
            null);

    List<Problem> login = open(wrongPassword).validate();
    assertThat(login)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("destination.username");
              assertThat(p.message()).contains("rejected the login").doesNotContain("wrong-pw");
            });
    assertThat(open(missingDatabase).validate())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("does not exist"));
  }

  private Map<String, String> columnTypes(String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection connection = connect();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME FROM"
                    + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                    + " ORDER BY ORDINAL_POSITION")) {
      select.setString(1, database);
      select.setString(2, table);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          types.put(
              rs.getString(1),
              rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
        }
      }
    }
    return types;
  }
}
