package io.dataexport.jdbc.dialect.mysql;

import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import io.dataexport.jdbc.JdbcDestination;
import io.dataexport.jdbc.MutableClock;
import io.dataexport.jdbc.TestEntities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validation with a real restricted MariaDB user: each missing privilege is named with the GRANT
 * that fixes it, privileges through a role count, and once granted the user validates and exports.
 */
class MariadbPrivilegesTest {
  private static final String PASSWORD = "pw-" + UUID.randomUUID();

  private final String user = MariadbTestServer.uniqueName("deuser");
  private final String role = MariadbTestServer.uniqueName("derole");
  private final String database = MariadbTestServer.uniqueName("deprivs");
  private final List<JdbcDestination> opened = new ArrayList<>();

  @BeforeEach
  void createUser() {
    MariadbTestServer.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
  }

  @AfterEach
  void dropEverything() {
    opened.forEach(JdbcDestination::close);
    MariadbTestServer.dropDatabases(database);
    MariadbTestServer.execute(
        "DROP USER IF EXISTS '" + user + "'@'%'", "DROP ROLE IF EXISTS `" + role + "`");
  }

  @Test
  void missingPrivilegesAreNamedWithTheGrantThatFixesThem() {
    MariadbTestServer.execute(
        "CREATE DATABASE `" + database + "`",
        "GRANT SELECT, INSERT ON `" + database + "`.* TO '" + user + "'@'%'");

    assertThat(destination(null).validate())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("destination.jdbcUrl");
              assertThat(p.message())
                  .contains("lacks CREATE, ALTER, UPDATE, DELETE on database `" + database + "`")
                  .contains(
                      "GRANT CREATE, ALTER, INSERT, UPDATE, DELETE, SELECT ON `"
                          + database
                          + "`.* TO '"
                          + user
                          + "'@'%';");
            });
  }

  @Test
  void aDatabaseTheUserMayNotCreateIsNamedWithTheStatementsThatFixIt() {
    MariadbTestServer.execute("GRANT SELECT ON `" + database + "`.* TO '" + user + "'@'%'");

    assertThat(destination(database).validate())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("destination.schema");
              assertThat(p.message())
                  .contains("`" + database + "` does not exist")
                  .contains("CREATE DATABASE `" + database + "`")
                  .contains("GRANT CREATE, ALTER, INSERT, UPDATE, DELETE, SELECT ON `" + database);
            });
  }

  @Test
  void privilegesThroughADefaultRoleAndAPatternCount() {
    String pattern = database.substring(0, database.length() - 2).replace("_", "\\_") + "%";
    MariadbTestServer.execute(
        "CREATE ROLE `" + role + "`",
        "GRANT ALTER, UPDATE, DELETE, SELECT ON `" + database + "`.* TO `" + role + "`",
        "GRANT `" + role + "` TO '" + user + "'@'%'",
        "SET DEFAULT ROLE `" + role + "` FOR '" + user + "'@'%'",
        "GRANT CREATE, INSERT ON `" + pattern + "`.* TO '" + user + "'@'%'");
    JdbcDestination destination = destination(database);

    assertThat(destination.validate()).isEmpty();
    destination.prepare(List.of(TestEntities.account()), true);
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", UUID.randomUUID(), 1, Map.of("name", "granted"))));
    assertThat(destination.validate()).isEmpty();
  }

  @Test
  void aUserWithTheGrantedPrivilegesValidatesAndExports() {
    MariadbTestServer.execute(
        "CREATE DATABASE `" + database + "`",
        "GRANT CREATE, ALTER, INSERT, UPDATE, DELETE, SELECT ON `"
            + database
            + "`.* TO '"
            + user
            + "'@'%'");
    JdbcDestination destination = destination(null);

    assertThat(destination.validate()).isEmpty();
    destination.prepare(List.of(TestEntities.account()), true);
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", UUID.randomUUID(), 1, Map.of("name", "granted"))));
  }

  private JdbcDestination destination(String schema) {
    String urlDatabase = schema == null ? database : "";
    DestinationConfig config =
        new DestinationConfig(
            "mysql", MariadbTestServer.url(urlDatabase), user, Secret.of(PASSWORD), schema, "p");
    JdbcDestination destination =
        new MysqlDestinationProvider().open(config, new MutableClock(Instant.now()));
    opened.add(destination);
    return destination;
  }
}
