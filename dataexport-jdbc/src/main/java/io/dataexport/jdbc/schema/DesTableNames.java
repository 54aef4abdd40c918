package io.dataexport.jdbc.schema;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;

/**
 * The names of a destination's tables: {@code <prefix>_<entity>} per entity, {@code
 * <prefix>_OptionSetMetadata} etc., or the bare names without a prefix (as DES did). The prefix and
 * schema are validated before this is built.
 */
public final class DesTableNames {
  /** The internal table remembering deleted records; see {@code TombstoneTable}. */
  public static final String TOMBSTONES = "dataexport_tombstones";

  public static final String DELETE_LOG = "DeleteLog";

  private final DestinationConfig config;
  private final String schema;

  public DesTableNames(DestinationConfig config, SqlDialect dialect) {
    this.config = config;
    this.schema = dialect.schema(config.schema());
  }

  /** The table of an entity (intersect entities included). */
  public TableName entity(String logicalName) {
    return table(Identifiers.logicalName("entity", logicalName));
  }

  /** A service table by its base name, e.g. {@code OptionSetMetadata}. */
  public TableName table(String baseName) {
    return new TableName(schema, config.tableName(baseName));
  }

  public TableName deleteLog() {
    return table(DELETE_LOG);
  }

  public TableName tombstones() {
    return table(TOMBSTONES);
  }
}
