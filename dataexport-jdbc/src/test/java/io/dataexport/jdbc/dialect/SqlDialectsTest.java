package io.dataexport.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.jdbc.dialect.sqlite.SqliteDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlDialectsTest {
  @Test
  void theDialectIsFoundByItsDestinationType() {
    assertThat(SqlDialects.forType("sqlite")).isInstanceOf(SqliteDialect.class);
    assertThat(SqlDialects.forType("SQLite")).isInstanceOf(SqliteDialect.class);
  }

  @Test
  void anUnknownTypeNamesTheKnownOnes() {
    assertThatThrownBy(() -> SqlDialects.forType("oracle"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'oracle'")
        .hasMessageContaining("[sqlite]");
  }

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
  void identifiersAreQuotedAndEscaped() {
    assertThat(new SqliteDialect().quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
  }
}
