package io.dataexport.jdbc;

import io.dataexport.api.destination.Destination;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.schema.DeleteLogTable;
import io.dataexport.jdbc.schema.DesTableNames;
import io.dataexport.jdbc.schema.EntityTable;
import io.dataexport.jdbc.schema.MetadataTable;
import io.dataexport.jdbc.schema.MetadataWriter;
import io.dataexport.jdbc.schema.SchemaEvolution;
import io.dataexport.jdbc.schema.TableDefinition;
import io.dataexport.jdbc.schema.TombstoneTable;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import io.dataexport.jdbc.write.EntityBatchWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The general SQL destination: DES-compatible tables in any database a {@link SqlDialect}
 * describes. Thread-safe; each {@link #apply} runs in one transaction on a pooled connection.
 *
 * <p>Times it writes ({@code SinkCreatedOn}, {@code SinkModifiedOn}, delete times) come from its
 * {@link Clock}, truncated to microseconds, the finest precision every supported database keeps;
 * {@link #sweep} truncates its bound the same way, so a row written at or after it is never swept.
 */
public final class JdbcDestination implements Destination {
  private final DestinationConfig config;
  private final SqlDialect dialect;
  private final Clock clock;
  private final ConnectionPool pool;
  private final SqlFailures failures;
  private final DesTableNames names;
  private final SchemaEvolution evolution;
  private final EntityBatchWriter writer;
  private final Map<EntitySchema, EntityTable> tables = new ConcurrentHashMap<>();
  private volatile boolean configChecked;
  private volatile boolean writeDeleteLog;

  /**
   * Opens a destination; connects on first use.
   *
   * @param clock the source of write times (tests pass a fixed one)
   */
  public JdbcDestination(DestinationConfig config, SqlDialect dialect, Clock clock) {
    this.config = config;
    this.dialect = dialect;
    this.clock = clock;
    this.pool = new ConnectionPool(config, dialect);
    this.failures = new SqlFailures(dialect.errorClassifier());
    this.names = new DesTableNames(config, dialect);
    this.evolution = new SchemaEvolution(dialect);
    this.writer = new EntityBatchWriter(dialect, names);
  }

  @Override
  public List<Problem> validate() {
    List<Problem> problems = DestinationConfigCheck.problems(config, dialect);
    if (!problems.isEmpty()) {
      return problems;
    }
    if (!dialect.databaseExists(config)) {
      return dialect.creationProblems(config);
    }
    Connection connection;
    try {
      connection = pool.connection();
    } catch (SQLException e) {
      return List.of(
          new Problem(
              "destination.jdbcUrl",
              JdbcUrls.redact(config.jdbcUrl()),
              hideSecret(
                  "cannot connect: "
                      + e.getMessage()
                      + ". Check the URL, that the database is running and reachable from the"
                      + " service, and the username and password")));
    }
    try (connection) {
      checkWritable(connection);
    } catch (SQLException e) {
      boolean hasSchema = config.schema() != null && !config.schema().isEmpty();
      problems.add(
          new Problem(
              hasSchema ? "destination.schema" : "destination.jdbcUrl",
              hasSchema ? config.schema() : JdbcUrls.redact(config.jdbcUrl()),
              hideSecret(
                  "the service cannot create and drop tables there: "
                      + e.getMessage()
                      + ". Grant the user the right to create tables in the schema, or choose"
                      + " one where it has it")));
    }
    return problems;
  }

  private void checkWritable(Connection connection) throws SQLException {
    TableName scratch =
        names.table(
            "dataexport_validate_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          dialect.createTable(
              scratch, List.of(ColumnDefinition.of("Id", ColumnKind.GUID).required()), List.of()));
      statement.execute("DROP TABLE " + dialect.qualify(scratch));
    }
  }

  private String hideSecret(String message) {
    if (config.password() == null || config.password().isEmpty()) {
      return message;
    }
    return message.replace(config.password().reveal(), "****");
  }

  @Override
  public void prepare(List<EntitySchema> entities, boolean writeDeleteLog) {
    requireValidConfig();
    List<TableDefinition> definitions = new ArrayList<>();
    for (EntitySchema entity : entities) {
      definitions.add(table(entity).definition());
    }
    for (MetadataTable table : MetadataTable.values()) {
      definitions.add(table.definition(names));
    }
    definitions.add(TombstoneTable.definition(names));
    if (writeDeleteLog) {
      definitions.add(DeleteLogTable.definition(names));
    }
    try {
      dialect.createDatabaseIfMissing(config);
    } catch (UncheckedIOException e) {
      throw new ConfigurationException(
          e.getMessage() + ": " + e.getCause().getMessage() + ". Fix destination.jdbcUrl.", e);
    }
    String what =
        "Preparing "
            + entities.stream().map(EntitySchema::logicalName).collect(Collectors.joining(", "))
            + " in "
            + JdbcUrls.redact(config.jdbcUrl());
    try (Connection connection = pool.connection()) {
      for (TableDefinition definition : definitions) {
        evolution.evolve(connection, definition);
      }
      inTransaction(
          connection,
          () -> new MetadataWriter(dialect, names).refresh(connection, entities, now()));
    } catch (SQLException e) {
      DataExportException failure =
          failures.translate(e, what, "Check the destination's tables and privileges.");
      throw failure instanceof RetriableException
          ? failure
          : new ConfigurationException(failure.getMessage(), e);
    }
    this.writeDeleteLog = writeDeleteLog;
  }

  @Override
  public void apply(EntitySchema entity, List<SyncNotification> batch) {
    if (batch.isEmpty()) {
      return;
    }
    requireValidConfig();
    EntityTable table = table(entity);
    Instant now = now();
    try (Connection connection = pool.connection()) {
      inTransaction(connection, () -> writer.write(connection, table, batch, writeDeleteLog, now));
    } catch (SQLException e) {
      throw failures.translate(
          e,
          "Applying "
              + batch.size()
              + " notification(s) of "
              + entity.logicalName()
              + " to "
              + table.name(),
          "The batch cannot be applied as it is; split it to find the record.");
    }
  }

  @Override
  public long sweep(EntitySchema entity, Instant writtenBefore) {
    requireValidConfig();
    EntityTable table = table(entity);
    String sql =
        "DELETE FROM "
            + dialect.qualify(table.name())
            + " WHERE "
            + dialect.quote(EntityTable.SINK_MODIFIED_ON)
            + " < ?";
    try (Connection connection = pool.connection();
        PreparedStatement delete = connection.prepareStatement(sql)) {
      dialect
          .columnType(ColumnKind.TIMESTAMP)
          .bind(delete, 1, writtenBefore.truncatedTo(ChronoUnit.MICROS));
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw failures.translate(
          e,
          "Sweeping rows of " + entity.logicalName() + " written before " + writtenBefore,
          "Check the table " + table.name() + ".");
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private EntityTable table(EntitySchema entity) {
    return tables.computeIfAbsent(entity, e -> EntityTable.of(e, names));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private void requireValidConfig() {
    if (configChecked) {
      return;
    }
    List<Problem> problems = DestinationConfigCheck.problems(config, dialect);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "The destination configuration has problems: "
              + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")),
          null);
    }
    configChecked = true;
  }

  /** Work on a connection that is committed when it returns and rolled back when it throws. */
  @FunctionalInterface
  private interface TransactionWork {
    void run() throws SQLException;
  }

  private static void inTransaction(Connection connection, TransactionWork work)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e; // the pool restores auto-commit when the connection is returned
    }
  }
}
