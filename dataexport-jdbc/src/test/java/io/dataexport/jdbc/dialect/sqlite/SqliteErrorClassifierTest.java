package io.dataexport.jdbc.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataexport.jdbc.dialect.SqlFailureKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real SQLite errors, provoked on a real file, classified. */
class SqliteErrorClassifierTest {
  @TempDir Path directory;

  private final SqliteErrorClassifier classifier = new SqliteErrorClassifier();
  private String url;

  @BeforeEach
  void createTable() throws SQLException {
    url = "jdbc:sqlite:" + directory.resolve("errors.sqlite") + "?busy_timeout=10";
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
      statement.execute("INSERT INTO t VALUES ('a', 1)");
    }
  }

  @Test
  void aConstraintViolationIsPermanent() throws SQLException {
    assertThat(classify("INSERT INTO t VALUES ('a', 2)")).isEqualTo(SqlFailureKind.PERMANENT);
    assertThat(classify("INSERT INTO t VALUES ('b', NULL)")).isEqualTo(SqlFailureKind.PERMANENT);
  }

  @Test
  void aBusyDatabaseIsRetriable() throws SQLException {
    try (Connection locker = DriverManager.getConnection(url);
        Statement statement = locker.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      assertThat(classify("INSERT INTO t VALUES ('c', 3)")).isEqualTo(SqlFailureKind.RETRIABLE);
      statement.execute("ROLLBACK");
    }
  }

  @Test
  void aMissingTableIsAConfigurationProblem() throws SQLException {
    assertThat(classify("INSERT INTO missing VALUES (1)")).isEqualTo(SqlFailureKind.CONFIGURATION);
  }

  @Test
  void aSyntaxErrorIsLeftToTheGeneralRules() throws SQLException {
    assertThat(classify("INSERT INTO t VALUES (")).isNull();
  }

  @Test
  void otherDriversExceptionsAreLeftToTheGeneralRules() {
    assertThat(classifier.classify(new SQLException("timeout", "08001"))).isNull();
  }

  private SqlFailureKind classify(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      SQLException failure = catchThrowableOfType(SQLException.class, () -> statement.execute(sql));
      assertThat((Throwable) failure).as(sql).isNotNull();
      return classifier.classify(failure);
    }
  }
}
