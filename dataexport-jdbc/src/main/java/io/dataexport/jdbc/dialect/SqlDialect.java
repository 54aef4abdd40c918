package io.dataexport.jdbc.dialect;

import com.zaxxer.hikari.HikariConfig;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import io.dataexport.jdbc.type.ColumnType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What differs between SQL databases, and nothing else: the general writer ({@code
 * io.dataexport.jdbc}) builds every statement from these pieces. A dialect is stateless and
 * thread-safe; its package's {@code DestinationProvider} (a {@code
 * io.dataexport.jdbc.JdbcDestinationProvider}) makes it known.
 *
 * <p>The default methods are standard SQL; a dialect overrides them only where its database
 * differs. Identifiers handed in are validated by the caller (letters, digits, underscore), but
 * {@link #quote} still escapes them.
 */
public interface SqlDialect {

  /** The {@code destination.type} this dialect serves, e.g. {@code sqlite}. */
  String type();

  /**
   * The schema tables are created in.
   *
   * @param configured {@code destination.schema} (validated alphanumeric), or null
   * @return the schema to qualify table names with, or null when tables are not qualified
   */
  String schema(String configured);

  /**
   * This database's rules for a configuration, checked without connecting and without looking at
   * this machine: the JDBC URL's form, whether a schema is supported. Part of the provider's {@code
   * check}, after the rules every SQL destination shares; so a profile gets this answer both when
   * it is created and when it is validated.
   *
   * @return the problems, each naming its field ({@code destination.jdbcUrl}, …); empty when fine
   */
  List<Problem> validate(DestinationConfig config);

  /**
   * Adds what this database needs to the connection pool (already holding URL and credentials):
   * pool size, driver properties, connection initialisation.
   */
  void configure(HikariConfig pool, DestinationConfig config);

  /**
   * Whether the database already exists. When it does not (an SQLite file not yet created),
   * validation checks only the configuration and {@link #localProblems}, and leaves creating it to
   * preparation.
   */
  default boolean databaseExists(DestinationConfig config) {
    return true;
  }

  /** Creates what must exist before the first connection (SQLite: the file's directories). */
  default void createDatabaseIfMissing(DestinationConfig config) {}

  /**
   * What this machine must offer before connecting, checked by validation once the configuration
   * passed (SQLite: the file is a writable file, or its directory can take it). Leaves nothing
   * behind.
   */
  default List<Problem> localProblems(DestinationConfig config) {
    return List.of();
  }

  /** How columns of a kind are declared and bound. */
  ColumnType columnType(ColumnKind kind);

  /** Quotes an identifier; the default uses SQL's double quotes. */
  default String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** The quoted, schema-qualified name of a table. */
  default String qualify(TableName table) {
    return table.schema() == null
        ? quote(table.name())
        : quote(table.schema()) + "." + quote(table.name());
  }

  /**
   * The table's columns by name (case-insensitive), or an empty map when the table does not exist.
   * The default reads {@link DatabaseMetaData#getColumns}.
   *
   * @throws SQLException as the driver throws it
   */
  default Map<String, ExistingColumn> existingColumns(Connection connection, TableName table)
      throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    String escape = metaData.getSearchStringEscape();
    String pattern =
        escape == null
            ? table.name()
            : table.name().replace(escape, escape + escape).replace("_", escape + "_");
    Map<String, ExistingColumn> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (ResultSet rs = metaData.getColumns(null, table.schema(), pattern, null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equals(table.name())) {
          String name = rs.getString("COLUMN_NAME");
          columns.put(
              name, new ExistingColumn(name, rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE")));
        }
      }
    }
    return columns;
  }

  /**
   * {@code CREATE TABLE}. A column of kind {@link ColumnKind#IDENTITY} declares itself the primary
   * key (its type says so), so {@code primaryKey} is then empty.
   *
   * @param primaryKey the primary key columns; empty for none
   */
  default String createTable(
      TableName table, List<ColumnDefinition> columns, List<String> primaryKey) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualify(table)).append(" (");
    sql.append(columns.stream().map(this::columnDeclaration).collect(Collectors.joining(", ")));
    if (!primaryKey.isEmpty()) {
      sql.append(", PRIMARY KEY (")
          .append(primaryKey.stream().map(this::quote).collect(Collectors.joining(", ")))
          .append(')');
    }
    return sql.append(')').toString();
  }

  /**
   * {@code DROP TABLE} of one of the service's tables (uninstalling); the caller checked that it
   * exists, so a table that vanished meanwhile fails rather than passing unnoticed.
   */
  default String dropTable(TableName table) {
    return "DROP TABLE " + qualify(table);
  }

  /** {@code ALTER TABLE ... ADD COLUMN}; the column is nullable (the table may hold rows). */
  default String addColumn(TableName table, ColumnDefinition column) {
    return "ALTER TABLE " + qualify(table) + " ADD COLUMN " + columnDeclaration(column.optional());
  }

  /**
   * The statement widening a text column to hold longer values, when it needs widening.
   *
   * @return empty when the column is wide enough, or the database's text has no length
   */
  default Optional<String> widenColumn(
      TableName table, ColumnDefinition wanted, ExistingColumn existing) {
    return Optional.empty();
  }

  /** One column as declared in DDL: quoted name, type, nullability. */
  default String columnDeclaration(ColumnDefinition column) {
    String type = columnType(column.kind()).sqlType(column);
    return quote(column.name())
        + " "
        + type
        + (column.nullable() || column.kind() == ColumnKind.IDENTITY ? "" : " NOT NULL");
  }

  /**
   * How validation checks a live database (reachability, schema, privileges) and how preparation
   * creates the schema. The default probes by creating and dropping a scratch table and creates no
   * schema; dialects of database servers ask their privilege catalogue instead.
   */
  default DatabaseAccess access() {
    return new ScratchTableAccess(this);
  }

  /**
   * The SQL of a version-guarded upsert, prepared once and executed as a JDBC batch; see {@link
   * UpsertStatement} for its meaning. Each row of a batch has another key.
   */
  String upsert(UpsertStatement statement);

  /**
   * The database's bulk path for large rounds of upserts, when it has one that beats the batched
   * {@link #upsert}. The default has none.
   */
  default Optional<BulkUpsert> bulkUpsert() {
    return Optional.empty();
  }

  /** Recognises this database's errors. */
  SqlErrorClassifier errorClassifier();
}
