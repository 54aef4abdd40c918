package io.dataexport.jdbc.dialect.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL the PostgreSQL dialect generates, and how it reads PostgreSQL's errors. */
class PostgresqlDialectTest {
  private final PostgresqlDialect dialect = new PostgresqlDialect();

  @Test
  void theUpsertIsAnInsertOnConflictGuardedByTheVersion() {
    UpsertStatement upsert =
        new UpsertStatement(
            new TableName("export", "s_account"),
            List.of("Id", "name", "versionnumber", "SinkCreatedOn", "SinkModifiedOn"),
            List.of("Id"),
            List.of("SinkCreatedOn"),
            "versionnumber");

    assertThat(dialect.upsert(upsert))
        .isEqualTo(
            "INSERT INTO \"export\".\"s_account\" AS \"existing\" (\"Id\", \"name\","
                + " \"versionnumber\", \"SinkCreatedOn\", \"SinkModifiedOn\") VALUES (?, ?, ?, ?,"
                + " ?) ON CONFLICT (\"Id\") DO UPDATE SET \"name\" = excluded.\"name\","
                + " \"versionnumber\" = excluded.\"versionnumber\", \"SinkModifiedOn\" ="
                + " excluded.\"SinkModifiedOn\" WHERE \"existing\".\"versionnumber\" IS NULL OR"
                + " excluded.\"versionnumber\" >= \"existing\".\"versionnumber\"");
  }

  @Test
  void theSchemaDefaultsToPublic() {
    assertThat(dialect.schema(null)).isEqualTo("public");
    assertThat(dialect.schema("")).isEqualTo("public");
    assertThat(dialect.schema("export")).isEqualTo("export");
  }

  @Test
  void aUrlOfAnotherDatabaseIsReported() {
    assertThat(
            dialect.validate(
                new DestinationConfig("postgresql", "jdbc:mysql://db/crm", null, null, null, null)))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("jdbc:postgresql://"));
  }

  @Test
  void identifiersLongerThan63BytesAreRefused() {
    assertThat(dialect.quote("x".repeat(63))).hasSize(65);
    assertThatThrownBy(() -> dialect.quote("x".repeat(64)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("tablePrefix");
  }

  @Test
  void deadlocksAndLockOrStatementTimeoutsAreRetriable() {
    for (String state : List.of("40001", "40P01", "57014", "55P03")) {
      assertThat(classify(state)).as(state).isEqualTo(SqlFailureKind.RETRIABLE);
    }
  }

  @Test
  void lostOrRefusedConnectionsShutdownsAndAFullDiskMeanTheServerIsUnavailable() {
    for (String state :
        List.of("08001", "08006", "57P01", "57P02", "57P03", "53100", "53200", "53300", "58030")) {
      assertThat(classify(state)).as(state).isEqualTo(SqlFailureKind.UNAVAILABLE);
    }
  }

  @Test
  void badDataIsPermanentAndMissingRightsAreConfiguration() {
    for (String state : List.of("23505", "22001", "22003", "23502")) {
      assertThat(classify(state)).as(state).isEqualTo(SqlFailureKind.PERMANENT);
    }
    for (String state : List.of("42501", "42P01", "42703", "3F000", "25006")) {
      assertThat(classify(state)).as(state).isEqualTo(SqlFailureKind.CONFIGURATION);
    }
    assertThat(classify("XX000")).isNull();
  }

  private SqlFailureKind classify(String state) {
    return dialect.errorClassifier().classify(new SQLException("x", state));
  }
}
