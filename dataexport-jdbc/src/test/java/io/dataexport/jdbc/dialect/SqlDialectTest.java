package io.dataexport.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.jdbc.dialect.postgresql.PostgresqlDialect;
import io.dataexport.jdbc.dialect.sqlite.SqliteDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialects' shared pieces: statements, URL reading, quoting. */
class SqlDialectTest {
  @Test
  void theSqliteUpsertIsGuardedByTheVersion() {
    UpsertStatement upsert =
        new UpsertStatement(
            new TableName(null, "s_account"),
            List.of("Id", "name", "versionnumber", "SinkCreatedOn", "SinkModifiedOn"),
            List.of("Id"),
            List.of("SinkCreatedOn"),
            "versionnumber");

    assertThat(new SqliteDialect().upsert(upsert))
        .isEqualTo(
            "INSERT INTO \"s_account\" (\"Id\", \"name\", \"versionnumber\", \"SinkCreatedOn\","
                + " \"SinkModifiedOn\") VALUES (?, ?, ?, ?, ?) ON CONFLICT (\"Id\") DO UPDATE SET"
                + " \"name\" = excluded.\"name\", \"versionnumber\" = excluded.\"versionnumber\","
                + " \"SinkModifiedOn\" = excluded.\"SinkModifiedOn\" WHERE"
                + " \"s_account\".\"versionnumber\" IS NULL OR excluded.\"versionnumber\" >="
                + " \"s_account\".\"versionnumber\"");
  }

  @Test
  void theServerOfAUrlIsNamedWithTheDefaultPortWhenItHasNone() {
    ServerAccess access = (ServerAccess) new PostgresqlDialect().access();

    assertThat(access.server("jdbc:postgresql://db.example.com/crm"))
        .isEqualTo("db.example.com:5432");
    assertThat(access.server("jdbc:postgresql://db:6432/crm?ssl=true")).isEqualTo("db:6432");
    assertThat(access.server("jdbc:postgresql://[::1]:5433/crm")).isEqualTo("[::1]:5433");
    assertThat(access.server("jdbc:postgresql://a:5432,b:5432/crm")).isEqualTo("a:5432,b:5432");
    assertThat(access.server("jdbc:mysql://admin:pw@db/crm")).isEqualTo("db:5432");
  }

  @Test
  void urlParametersAreFoundInBothStyles() {
    assertThat(
            UrlParameters.has(
                "jdbc:postgresql://db/x?ssl=true&reWriteBatchedInserts=false",
                "rewritebatchedinserts"))
        .isTrue();
    assertThat(UrlParameters.has("jdbc:sqlserver://db;encrypt=true;user=a", "encrypt")).isTrue();
    assertThat(UrlParameters.has("jdbc:postgresql://db/x", "ssl")).isFalse();
  }

  @Test
  void identifiersAreQuotedAndEscaped() {
    assertThat(new SqliteDialect().quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
  }
}
