package io.dataexport.jdbc.dialect.postgresql;

import static io.dataexport.jdbc.Notifications.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.error.Problem;
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
import org.junit.jupiter.api.Test;

/**
 * Validation with a real restricted PostgreSQL role: each missing privilege is named with the
 * statement that grants it, and once granted the role validates and exports.
 */
class PostgresqlPrivilegesTest {
  private final String role = PostgresqlTestServer.uniqueName("deuser");
  private final String schema = PostgresqlTestServer.uniqueName("deprivs");
  private final List<JdbcDestination> opened = new ArrayList<>();

  @AfterEach
  void dropSchemaAndRole() {
    opened.forEach(JdbcDestination::close);
    PostgresqlTestServer.dropSchemas(schema);
    PostgresqlTestServer.dropRole(role);
  }

  @Test
  void aMissingCreateOnTheSchemaIsNamedWithTheGrantThatFixesIt() {
    createRole();
    PostgresqlTestServer.execute(
        "CREATE SCHEMA \"" + schema + "\"",
        "GRANT USAGE ON SCHEMA \"" + schema + "\" TO \"" + role + "\"");

    assertThat(destination(role, null).validate())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("destination.schema");
              assertThat(p.message())
                  .contains("lacks CREATE on schema")
                  .contains("GRANT CREATE ON SCHEMA \"" + schema + "\" TO \"" + role + "\";");
            });
  }

  @Test
  void aSchemaTheUserMayNotCreateIsNamedWithTheStatementsThatFixIt() {
    createRole();

    assertThat(destination(role, null).validate())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .contains("does not exist")
                    .contains("CREATE SCHEMA \"" + schema + "\" AUTHORIZATION \"" + role + "\";")
                    .contains(
                        "GRANT CREATE ON DATABASE \""
                            + PostgresqlTestServer.URL.replaceAll(".*/([^/?]+)(\\?.*)?$", "$1")
                            + "\" TO \""
                            + role
                            + "\";"));
  }

  @Test
  void tablesOfAnotherOwnerNeedTheirPrivilegesAndOwnership() {
    createRole();
    JdbcDestination admin = destination(PostgresqlTestServer.USER, null);
    admin.prepare(List.of(TestEntities.account()), true);
    PostgresqlTestServer.execute(
        "GRANT USAGE, CREATE ON SCHEMA \"" + schema + "\" TO \"" + role + "\"",
        "GRANT SELECT ON ALL TABLES IN SCHEMA \"" + schema + "\" TO \"" + role + "\"");

    List<Problem> problems = destination(role, null).validate();

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).message())
        .contains("lacks INSERT, UPDATE, DELETE on the existing tables")
        .contains(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \""
                + schema
                + "\" TO \""
                + role
                + "\";");
    assertThat(problems.get(1).message())
        .contains("only the owner may ALTER a table")
        .contains("ALTER TABLE \"" + schema + "\".\"")
        .contains(" OWNER TO \"" + role + "\";");
  }

  @Test
  void aRoleWithTheGrantedPrivilegesValidatesAndExports() {
    createRole();
    PostgresqlTestServer.execute(
        "CREATE SCHEMA \"" + schema + "\"",
        "GRANT USAGE, CREATE ON SCHEMA \"" + schema + "\" TO \"" + role + "\"");
    JdbcDestination destination = destination(role, null);

    assertThat(destination.validate()).isEmpty();
    destination.prepare(List.of(TestEntities.account()), true);
    destination.apply(
        TestEntities.account(),
        List.of(upsert("account", UUID.randomUUID(), 1, Map.of("name", "granted"))));
    assertThat(destination.validate()).isEmpty();
  }

  @Test
  void theSecretNeverAppearsInAProblem() {
    List<Problem> problems = destination("nosuchuser", "s3cr3t-pw").validate();

    assertThat(problems).isNotEmpty();
    assertThat(problems.toString()).doesNotContain("s3cr3t-pw");
  }

  private void createRole() {
    PostgresqlTestServer.execute("CREATE ROLE \"" + role + "\" LOGIN PASSWORD 'pw'");
  }

  private JdbcDestination destination(String user, String password) {
    DestinationConfig config =
        new DestinationConfig(
            "postgresql",
            PostgresqlTestServer.URL,
            user,
            password == null ? null : Secret.of(password),
            schema,
            "p");
    JdbcDestination destination =
        new PostgresqlDestinationProvider().open(config, new MutableClock(Instant.now()));
    opened.add(destination);
    return destination;
  }
}
