package io.dataexport.jdbc.schema;

import io.dataexport.api.destination.DroppedTables;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a profile's tables when the service is uninstalled, as {@link
 * io.dataexport.api.destination.Destination#dropTables} promises: {@link #plan} decides from what
 * exists, {@link #deleteRows} clears the entities' rows out of shared tables that stay, {@link
 * #drop} drops. Only names {@link ServiceTables} produces are ever touched.
 */
public final class TableRemoval {
  private static final Logger log = LoggerFactory.getLogger(TableRemoval.class);

  private final SqlDialect dialect;
  private final ServiceTables tables;

  public TableRemoval(SqlDialect dialect, ServiceTables tables) {
    this.dialect = dialect;
    this.tables = tables;
  }

  /**
   * What removing these entities' tables takes.
   *
   * @param entities the entities whose tables go, each a logical name
   * @param drop the existing tables to drop: the entities', then the shared ones when no other
   *     entity has rows in them
   * @param clear the existing shared tables that stay because another entity has rows in them
   */
  public record Plan(List<String> entities, List<TableName> drop, List<TableName> clear) {
    public Plan {
      entities = List.copyOf(entities);
      drop = List.copyOf(drop);
      clear = List.copyOf(clear);
    }

    /** What the plan removes and keeps, as the destination reports it. */
    public DroppedTables result() {
      return new DroppedTables(
          drop.stream().map(TableName::toString).toList(),
          clear.stream().map(TableName::toString).toList());
    }
  }

  /**
   * Looks at the database (reads only): which of the service's tables exist, and whether another
   * entity has rows in the shared ones.
   *
   * @throws io.dataexport.api.error.ConfigurationException when an entity is not a logical name
   * @throws SQLException as the driver throws it
   */
  public Plan plan(Connection connection, Collection<String> entities) throws SQLException {
    List<String> names = List.copyOf(new LinkedHashSet<>(entities));
    List<TableName> drop = existing(connection, tables.entityTables(names));
    List<TableName> shared = existing(connection, tables.sharedTables());
    boolean sharedInUse = false;
    for (TableName table : shared) {
      sharedInUse = sharedInUse || otherEntitiesIn(connection, table, names);
    }
    if (sharedInUse) {
      return new Plan(names, drop, shared);
    }
    drop.addAll(shared);
    return new Plan(names, drop, List.of());
  }

  /**
   * Deletes the plan's entities' rows from the shared tables that stay; the caller runs it in one
   * transaction.
   *
   * @throws SQLException as the driver throws it
   */
  public void deleteRows(Connection connection, Plan plan) throws SQLException {
    if (plan.entities().isEmpty()) {
      return;
    }
    for (TableName table : plan.clear()) {
      try (PreparedStatement delete =
          connection.prepareStatement(tables.deleteRowsOf(table, plan.entities().size()))) {
        bind(delete, plan.entities());
        int rows = delete.executeUpdate();
        log.info(
            "Deleted {} row(s) of {} from {}, which other entities use",
            rows,
            plan.entities(),
            table);
      }
    }
  }

  /**
   * Drops the plan's tables, each in a statement of its own (several databases commit DDL at once);
   * a failure leaves the rest for the next call.
   *
   * @throws SQLException as the driver throws it
   */
  public void drop(Connection connection, Plan plan) throws SQLException {
    for (TableName table : plan.drop()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(tables.drop(table));
      }
      log.info("Dropped table {}", table);
    }
  }

  private List<TableName> existing(Connection connection, List<TableName> candidates)
      throws SQLException {
    List<TableName> existing = new ArrayList<>();
    for (TableName table : candidates) {
      if (!dialect.existingColumns(connection, table).isEmpty()) {
        existing.add(table);
      }
    }
    return existing;
  }

  private boolean otherEntitiesIn(Connection connection, TableName table, List<String> entities)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(tables.otherEntitiesExist(table, entities.size()))) {
      bind(select, entities);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  private static void bind(PreparedStatement statement, List<String> entities) throws SQLException {
    for (int i = 0; i < entities.size(); i++) {
      statement.setString(i + 1, entities.get(i));
    }
  }
}
