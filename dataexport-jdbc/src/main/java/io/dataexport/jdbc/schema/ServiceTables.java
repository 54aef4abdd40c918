package io.dataexport.jdbc.schema;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The tables the service creates for a profile, named by {@link DesTableNames} and by nothing else,
 * and the statements that remove them (uninstalling, see {@link TableRemoval}): one table per
 * entity, and the tables every entity of a schema and prefix shares — the metadata tables, the
 * tombstones and the delete log, each with an {@code EntityName} column telling whose a row is.
 */
public final class ServiceTables {
  /** The column of every shared table naming the entity a row belongs to. */
  public static final String ENTITY_NAME = "EntityName";

  private final SqlDialect dialect;
  private final DesTableNames names;

  public ServiceTables(SqlDialect dialect, DesTableNames names) {
    this.dialect = dialect;
    this.names = names;
  }

  /**
   * The tables of these entities.
   *
   * @throws io.dataexport.api.error.ConfigurationException when a name is not a logical name
   */
  public List<TableName> entityTables(Collection<String> entities) {
    return entities.stream().map(names::entity).toList();
  }

  /** The shared tables: the metadata tables, the tombstones, the delete log. */
  public List<TableName> sharedTables() {
    List<TableName> shared = new ArrayList<>();
    for (MetadataTable table : MetadataTable.values()) {
      shared.add(names.table(table.baseName()));
    }
    shared.add(names.tombstones());
    shared.add(names.deleteLog());
    return shared;
  }

  /**
   * Whether a shared table holds a row of another entity than {@code entities} given: one row, 1 or
   * 0. Binds the entities' names.
   */
  public String otherEntitiesExist(TableName shared, int entities) {
    return "SELECT CASE WHEN EXISTS (SELECT 1 FROM "
        + dialect.qualify(shared)
        + (entities == 0
            ? ""
            : " WHERE " + dialect.quote(ENTITY_NAME) + " NOT IN " + list(entities))
        + ") THEN 1 ELSE 0 END";
  }

  /** Deletes the rows of {@code entities} entities from a shared table. Binds their names. */
  public String deleteRowsOf(TableName shared, int entities) {
    return "DELETE FROM "
        + dialect.qualify(shared)
        + " WHERE "
        + dialect.quote(ENTITY_NAME)
        + " IN "
        + list(entities);
  }

  /** Drops a table. */
  public String drop(TableName table) {
    return dialect.dropTable(table);
  }

  private static String list(int parameters) {
    return "(" + String.join(", ", Collections.nCopies(parameters, "?")) + ")";
  }
}
