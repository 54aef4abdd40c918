package io.dataexport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.error.UnavailableException;
import io.dataexport.jdbc.dialect.SqlFailureKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** The general rules applied when a dialect does not recognise an error. */
class SqlFailuresTest {
  private final SqlFailures failures = new SqlFailures(exception -> null);

  @Test
  void deadlocksAndTimeoutsAreRetriable() {
    assertThat(failures.classify(new SQLException("deadlock", "40P01")))
        .isEqualTo(SqlFailureKind.RETRIABLE);
    assertThat(failures.classify(new SQLTimeoutException("statement timed out")))
        .isEqualTo(SqlFailureKind.RETRIABLE);
  }

  @Test
  void aLostConnectionNoConnectionInTimeAndAFullDiskMeanTheDatabaseIsUnavailable() {
    assertThat(failures.classify(new SQLException("gone", "08006")))
        .isEqualTo(SqlFailureKind.UNAVAILABLE);
    assertThat(failures.classify(new SQLException("disk full", "53100")))
        .isEqualTo(SqlFailureKind.UNAVAILABLE);
    assertThat(failures.classify(new SQLTransientConnectionException("pool timed out")))
        .isEqualTo(SqlFailureKind.UNAVAILABLE);
    // the pool's time-out carries the SQLSTATE of the last failed login (28000: role may not log
    // in); no connection in time is what counts
    assertThat(
            failures.classify(
                new SQLTransientConnectionException(
                    "pool timed out", "28000", new SQLException("role may not log in", "28000"))))
        .isEqualTo(SqlFailureKind.UNAVAILABLE);
  }

  @Test
  void constraintAndDataErrorsArePermanentAlsoInsideABatchFailure() {
    BatchUpdateException batch = new BatchUpdateException("batch failed", new int[0]);
    batch.setNextException(new SQLException("duplicate key", "23505"));

    assertThat(failures.classify(batch)).isEqualTo(SqlFailureKind.PERMANENT);
    assertThat(failures.classify(new SQLException("too long", "22001")))
        .isEqualTo(SqlFailureKind.PERMANENT);
  }

  @Test
  void missingPrivilegesAreConfigurationProblems() {
    assertThat(failures.classify(new SQLException("permission denied", "42501")))
        .isEqualTo(SqlFailureKind.CONFIGURATION);
  }

  @Test
  void anUnknownErrorIsPermanentSoTheBatchIsSplit() {
    assertThat(failures.classify(new SQLException("odd"))).isEqualTo(SqlFailureKind.PERMANENT);
  }

  @Test
  void theExceptionSaysWhatFailedAndWhatToDo() {
    assertThat(
            failures.translate(
                new SQLException("gone", "08006"), "Applying 3 notification(s) of account", "x"))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("Applying 3 notification(s) of account failed: gone")
        .hasMessageContaining("try again");
    assertThat(failures.translate(new SQLException("deadlock", "40P01"), "Applying", "x"))
        .isInstanceOf(RetriableException.class)
        .isNotInstanceOf(UnavailableException.class);
    assertThat(
            failures.translate(
                new SQLException("dup", "23505"),
                "Applying",
                "Split the batch to find the record."))
        .isInstanceOf(PermanentException.class)
        .hasMessageEndingWith("Split the batch to find the record.");
    assertThat(failures.translate(new SQLException("denied", "42501"), "Applying", "x"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void urlsAreShownWithoutSecrets() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/x?user=a&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/x?user=a&password=****&ssl=true");
    assertThat(JdbcUrls.redact("jdbc:sqlserver://db;user=a;password=hunter2;encrypt=true"))
        .isEqualTo("jdbc:sqlserver://db;user=a;password=****;encrypt=true");
    assertThat(JdbcUrls.redact("jdbc:mysql://admin:hunter2@db/x"))
        .isEqualTo("jdbc:mysql://admin:****@db/x");
  }
}
