package io.dataexport.jdbc.dialect.postgresql;

import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DestinationProvider;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.jdbc.TestEntities;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One process writing the same table name into two databases: what the bulk path learns about one
 * database's table (its column types take binary values) must not be taken for the other's. Two
 * databases of its own, dropped afterwards.
 */
class PostgresqlBulkPathAcrossDatabasesTest {
  private static final String FIRST = PostgresqlTestServer.uniqueName("debulka");
  private static final String SECOND = PostgresqlTestServer.uniqueName("debulkb");
  private static final String SCHEMA = "crm";
  private static final int ROWS = 1200;

  @BeforeAll
  static void createDatabases() {
    PostgresqlTestServer.execute(
        "CREATE DATABASE \"" + FIRST + "\"", "CREATE DATABASE \"" + SECOND + "\"");
  }

  @AfterAll
  static void dropDatabases() {
    PostgresqlTestServer.dropDatabase(FIRST);
    PostgresqlTestServer.dropDatabase(SECOND);
  }

  @Test
  void aColumnChangedByHandInOneDatabaseIsCheckedThereEvenWhenTheOtherFits() throws SQLException {
    EntitySchema account = TestEntities.account();
    try (Destination first = open(FIRST);
        Destination second = open(SECOND)) {
      first.prepare(List.of(account), false);
      second.prepare(List.of(account), false);
      // real has the size of the integer the service writes: read as binary, it would be garbage
      PostgresqlTestServer.executeIn(
          PostgresqlTestServer.urlOf(SECOND),
          "ALTER TABLE \"" + SCHEMA + "\".\"account\" ALTER COLUMN numberofemployees TYPE real");

      first.apply(account, batch());
      second.apply(account, batch());
    }

    assertThat(employees(FIRST)).containsExactlyInAnyOrderElementsOf(expected());
    assertThat(employees(SECOND)).containsExactlyInAnyOrderElementsOf(expected());
  }

  private static List<SyncNotification> batch() {
    List<SyncNotification> batch = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      batch.add(
          upsert("account", new UUID(7, i), 1, Map.of("name", "a" + i, "numberofemployees", i)));
    }
    return batch;
  }

  private static List<Long> expected() {
    return LongStream.range(0, ROWS).boxed().toList();
  }

  private static List<Long> employees(String database) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Connection connection = PostgresqlTestServer.admin(PostgresqlTestServer.urlOf(database));
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT numberofemployees FROM \"" + SCHEMA + "\".\"account\"")) {
      while (rs.next()) {
        values.add(Math.round(rs.getDouble(1)));
      }
    }
    return values;
  }

  private static Destination open(String database) {
    DestinationConfig config =
        new DestinationConfig(
            "postgresql",
            PostgresqlTestServer.urlOf(database),
            PostgresqlTestServer.USER,
            Secret.of(PostgresqlTestServer.PASSWORD),
            SCHEMA,
            null);
    return ServiceLoader.load(DestinationProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.type().equals("postgresql"))
        .findFirst()
        .orElseThrow()
        .open(config);
  }
}
