package io.dataexport.jdbc;

import io.dataexport.api.destination.ApplyResult;
import io.dataexport.api.destination.Destination;
import io.dataexport.api.destination.DroppedTables;
import io.dataexport.api.destination.RefusedDelete;
import io.dataexport.api.error.ConfigurationException;
import io.dataexport.api.error.DataExportException;
import io.dataexport.api.error.Problem;
import io.dataexport.api.error.RetriableException;
import io.dataexport.api.notification.Operation;
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
import io.dataexport.jdbc.schema.ServiceTables;
import io.dataexport.jdbc.schema.TableDefinition;
import io.dataexport.jdbc.schema.TableRemoval;
import io.dataexport.jdbc.schema.TextColumnWidening;
import io.dataexport.jdbc.schema.TombstoneTable;
import io.dataexport.jdbc.write.EntityBatchWriter;
import io.dataexport.jdbc.write.StaleRows;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The general SQL destination: DES-compatible tables in any database a {@link SqlDialect}
 * describes. Thread-safe; each {@link #apply} runs in one transaction on a pooled connection.
 *
 * <p>Times it writes ({@code SinkCreatedOn}, {@code SinkModifiedOn}, delete times) come from its
 * {@link Clock}, truncated to microseconds, the finest precision every supported database keeps;
 * {@link #sweep} truncates its bound the same way, so a row written at or after it is never swept;
 * it deletes through the writer, a page of rows per transaction, so swept rows leave tombstones and
 * delete-log rows like any other delete.
 *
 * <p>{@link #validate} runs {@link DestinationValidation}; {@link #prepare} creates the schema
 * through the dialect's {@link io.dataexport.jdbc.dialect.DatabaseAccess}, then the tables; {@link
 * #apply} first widens string columns a batch's values outgrow ({@link TextColumnWidening}); {@link
 * #dropTables} removes the tables of {@link ServiceTables} through {@link TableRemoval}.
 */
public final class JdbcDestination implements Destination {
  /** Rows a sweep reads and deletes per transaction. */
  private static final int SWEEP_PAGE = 2000;

  private final DestinationConfig config;
  private final JdbcDestinationProvider provider;
  private final SqlDialect dialect;
  private final Clock clock;
  private final ConnectionPool pool;
  private final SqlFailures failures;
  private final DesTableNames names;
  private final SchemaEvolution evolution;
  private final TextColumnWidening widening;
  private final EntityBatchWriter writer;
  private final ServiceTables serviceTables;
  private final Map<EntitySchema, EntityTable> tables = new ConcurrentHashMap<>();
  private volatile boolean configChecked;
  private volatile boolean writeDeleteLog;

  /**
   * Opens a destination; connects on first use.
   *
   * @param provider its type: dialect and configuration rules
   * @param clock the source of write times (tests pass a fixed one)
   */
  JdbcDestination(DestinationConfig config, JdbcDestinationProvider provider, Clock clock) {
    this.config = config;
    this.provider = provider;
    this.dialect = provider.dialect();
    this.clock = clock;
    this.pool = new ConnectionPool(config, dialect);
    this.failures = new SqlFailures(dialect.errorClassifier());
    this.names = new DesTableNames(config, dialect);
    this.evolution = new SchemaEvolution(dialect);
    this.widening = new TextColumnWidening(dialect);
    this.writer = new EntityBatchWriter(dialect, names);
    this.serviceTables = new ServiceTables(dialect, names);
  }

  @Override
  public List<Problem> validate() {
    List<TableName> known = new ArrayList<>(serviceTables.sharedTables());
    tables.values().forEach(t -> known.add(t.name()));
    return new DestinationValidation(config, provider, pool).problems(known);
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
      dialect.access().createSchemaIfMissing(connection, config);
      for (TableDefinition definition : definitions) {
        evolution.evolve(connection, definition);
        widening.forget(definition.name());
      }
      inTransaction(
          connection,
          () -> {
            new MetadataWriter(dialect, names).refresh(connection, entities, now());
            return null;
          });
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
  public ApplyResult apply(EntitySchema entity, List<SyncNotification> batch) {
    if (batch.isEmpty()) {
      return ApplyResult.CLEAN;
    }
    requireValidConfig();
    EntityTable table = table(entity);
    Instant now = now();
    try (Connection connection = pool.connection()) {
      widening.fit(connection, table, batch);
      return ApplyResult.of(
          inTransaction(
              connection, () -> writer.write(connection, table, batch, writeDeleteLog, now)));
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
  public long sweep(EntitySchema entity, Instant writtenBefore, Set<UUID> keep) {
    requireValidConfig();
    EntityTable table = table(entity);
    Instant bound = writtenBefore.truncatedTo(ChronoUnit.MICROS);
    long swept = 0;
    try (Connection connection = pool.connection()) {
      UUID after = null;
      while (true) {
        List<StaleRows.Row> page =
            writer.staleRows().page(connection, table, bound, after, SWEEP_PAGE);
        Instant now = now();
        List<SyncNotification> deletes = new ArrayList<>(page.size());
        for (StaleRows.Row row : page) {
          if (!keep.contains(row.id())) {
            deletes.add(
                new SyncNotification(
                    "sweep",
                    entity.logicalName(),
                    row.id(),
                    Operation.DELETE,
                    row.version(),
                    now,
                    Map.of()));
          }
        }
        if (!deletes.isEmpty()) {
          // a row written again since it was read (a newer version) stays: not counted
          List<RefusedDelete> stayed =
              inTransaction(
                  connection, () -> writer.write(connection, table, deletes, writeDeleteLog, now));
          swept += deletes.size() - stayed.size();
        }
        if (page.size() < SWEEP_PAGE) {
          return swept;
        }
        after = page.getLast().id();
      }
    } catch (SQLException e) {
      throw failures.translate(
          e,
          "Sweeping rows of " + entity.logicalName() + " written before " + writtenBefore,
          "Check the table " + table.name() + ".");
    }
  }

  @Override
  public DroppedTables dropTables(Collection<String> entities) {
    requireValidConfig();
    if (!dialect.databaseExists(config)) {
      return new DroppedTables(List.of(), List.of()); // connecting would create it
    }
    TableRemoval removal = new TableRemoval(dialect, serviceTables);
    try (Connection connection = pool.connection()) {
      TableRemoval.Plan plan = removal.plan(connection, entities);
      inTransaction(
          connection,
          () -> {
            removal.deleteRows(connection, plan);
            return null;
          });
      removal.drop(connection, plan);
      tables.clear();
      plan.drop().forEach(widening::forget);
      return plan.result();
    } catch (SQLException e) {
      throw failures.translate(
          e,
          "Dropping the tables of "
              + String.join(", ", entities)
              + " in "
              + JdbcUrls.redact(config.jdbcUrl()),
          "Check that the user may drop the service's tables, then try again: tables already"
              + " dropped stay dropped.");
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
    List<Problem> problems = provider.check(config);
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
  private interface TransactionWork<T> {
    T run() throws SQLException;
  }

  private static <T> T inTransaction(Connection connection, TransactionWork<T> work)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run();
      connection.commit();
      connection.setAutoCommit(true);
      return result;
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
