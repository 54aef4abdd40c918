package io.dataexport.jdbc.dialect.sqlite;

import static io.dataexport.jdbc.Notifications.delete;
import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import io.dataexport.jdbc.DestinationBehaviourTest;
import io.dataexport.jdbc.TestEntities;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The behaviour suite on SQLite files, plus what only SQLite has: one file, text storage. */
class SqliteDestinationTest extends DestinationBehaviourTest {
  private static final UUID A = UUID.fromString("AAAAAAAA-0000-0000-0000-00000000000A");

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("not/yet/there/export.sqlite");
  }

  @Override
  protected DestinationConfig config(String tablePrefix) {
    return new DestinationConfig("sqlite", "jdbc:sqlite:" + file(), null, null, null, tablePrefix);
  }

  @Override
  protected DestinationConfig unreachableConfig() {
    Path blocker = directory.resolve("a-file");
    try {
      Files.writeString(blocker, "not a directory");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new DestinationConfig(
        "sqlite",
        "jdbc:sqlite:" + blocker.resolve("export.sqlite"),
        "user",
        Secret.of("s3cr3t-pw"),
        null,
        null);
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file());
  }

  @Test
  void valuesAreStoredInSqlitesNativeForms() throws SQLException {
    Destination destination = open(config("s"));
    destination.prepare(List.of(TestEntities.account()), false);

    destination.apply(
        TestEntities.account(),
        List.of(
            upsert(
                "account",
                A,
                7,
                Map.of(
                    "revenue",
                    new BigDecimal("1234567.8900"),
                    "exchangerate",
                    new BigDecimal("12345678901234567890.0123456789"),
                    "donotemail",
                    true,
                    "createdon",
                    "2023-04-07T23:59:01+02:00",
                    "new_foundedon",
                    "2023-04-07",
                    "new_channels",
                    "1, 3",
                    "primarycontactid",
                    Map.of("id", A.toString().toUpperCase())))));

    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT Id, typeof(revenue), revenue, exchangerate, donotemail, createdon,"
                    + " new_foundedon, new_channels, primarycontactid,"
                    + " primarycontactid_entitytype, SinkCreatedOn, versionnumber FROM s_account")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("aaaaaaaa-0000-0000-0000-00000000000a");
      assertThat(rs.getString(2)).isEqualTo("text");
      assertThat(rs.getString(3)).isEqualTo("1234567.8900");
      assertThat(rs.getString(4)).isEqualTo("12345678901234567890.0123456789");
      assertThat(rs.getObject(5)).isEqualTo(1);
      assertThat(rs.getString(6)).isEqualTo("2023-04-07T21:59:01Z");
      assertThat(rs.getString(7)).isEqualTo("2023-04-07");
      assertThat(rs.getString(8)).isEqualTo("1,3");
      assertThat(rs.getString(9)).isEqualTo("aaaaaaaa-0000-0000-0000-00000000000a");
      assertThat(rs.getString(10)).isEqualTo("contact");
      assertThat(rs.getString(11)).isEqualTo("2024-05-01T08:00:00.123456Z");
      assertThat(rs.getLong(12)).isEqualTo(7L);
    }
  }

  @Test
  void decimalsStillAddUpInSql() throws SQLException {
    Destination destination = open(config("s"));
    destination.prepare(List.of(TestEntities.account()), false);
    destination.apply(
        TestEntities.account(),
        List.of(
            upsert("account", UUID.randomUUID(), 1, Map.of("revenue", new BigDecimal("10.25"))),
            upsert("account", UUID.randomUUID(), 1, Map.of("revenue", new BigDecimal("2.5")))));

    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT SUM(revenue) FROM s_account")) {
      rs.next();
      assertThat(rs.getDouble(1)).isEqualTo(12.75);
    }
  }

  @Test
  void prepareCreatesTheFilesDirectoriesAndValidateDoesNot() {
    Destination destination = open(config(null));

    assertThat(destination.validate()).isEmpty();
    assertThat(file().getParent()).doesNotExist();

    destination.prepare(List.of(TestEntities.account()), false);
    assertThat(file()).exists();
    assertThat(destination.validate()).isEmpty();
  }

  @Test
  void aFileThatCannotBeCreatedIsReportedByValidate() {
    DestinationConfig nowhere =
        new DestinationConfig(
            "sqlite", "jdbc:sqlite:/proc/no/such/dir/crm.sqlite", null, null, null, null);

    assertThat(open(nowhere).validate())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.field()).isEqualTo("destination.jdbcUrl");
              assertThat(problem.message()).contains("cannot be created");
            });
  }

  @Test
  void aSchemaOtherThanMainIsReported() {
    DestinationConfig main =
        new DestinationConfig("sqlite", "jdbc:sqlite:" + file(), null, null, "main", null);
    DestinationConfig dbo =
        new DestinationConfig("sqlite", "jdbc:sqlite:" + file(), null, null, "dbo", null);

    assertThat(open(main).validate()).isEmpty();
    assertThat(open(dbo).validate())
        .extracting(Problem::field, Problem::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("destination.schema", "dbo"));
    assertThatThrownBy(() -> open(dbo).prepare(List.of(TestEntities.account()), false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("destination.schema");
  }

  @Test
  void aUrlOfAnotherDatabaseIsReported() {
    DestinationConfig config =
        new DestinationConfig(
            "sqlite",
            "jdbc:postgresql://db/export?password=hunter2",
            "u",
            Secret.of("hunter2"),
            null,
            null);

    List<Problem> problems = open(config).validate();

    assertThat(problems).extracting(Problem::field).containsExactly("destination.jdbcUrl");
    assertThat(problems.toString()).doesNotContain("hunter2");
  }

  @Test
  void aLockedDatabaseIsARetriableFailureThatCommitsNothing() throws SQLException {
    DestinationConfig quick =
        new DestinationConfig(
            "sqlite", "jdbc:sqlite:" + file() + "?busy_timeout=50", null, null, null, "s");
    Destination destination = open(quick);
    destination.prepare(List.of(TestEntities.account()), true);

    try (Connection other = connect();
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      assertThatThrownBy(
              () ->
                  destination.apply(
                      TestEntities.account(),
                      List.of(
                          upsert("account", A, 1, Map.of("name", "A")), delete("account", A, 2))))
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("account")
          .hasMessageContaining("SQLITE_BUSY");
      statement.execute("ROLLBACK");
    }

    destination.apply(
        TestEntities.account(), List.of(upsert("account", A, 1, Map.of("name", "A"))));
    assertThat(rows("s_account")).hasSize(1);
    assertThat(rows("s_DeleteLog")).isEmpty();
  }

  @Test
  void aTableDroppedBehindTheServicesBackIsAConfigurationProblem() throws SQLException {
    Destination destination = open(config("s"));
    destination.prepare(List.of(TestEntities.account()), false);
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE s_account");
    }

    assertThatThrownBy(
            () ->
                destination.apply(
                    TestEntities.account(), List.of(upsert("account", A, 1, Map.of()))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("s_account");
  }

  @Test
  void theDatabaseRunsInWalMode() throws SQLException {
    Destination destination = open(config("s"));
    destination.prepare(List.of(TestEntities.account()), false);

    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  @Test
  void closingReleasesTheFile() throws Exception {
    Destination destination = open(config("s"));
    destination.prepare(List.of(TestEntities.account()), false);

    destination.close();

    assertThatThrownBy(
            () ->
                destination.apply(
                    TestEntities.account(), List.of(upsert("account", A, 1, Map.of()))))
        .isInstanceOf(IllegalStateException.class);
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    Files.delete(file());
    assertThat(file()).doesNotExist();
  }
}
