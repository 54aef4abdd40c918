package io.dataexport.jdbc.dialect.sqlserver;

import com.zaxxer.hikari.HikariConfig;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.DatabaseAccess;
import io.dataexport.jdbc.dialect.ExistingColumn;
import io.dataexport.jdbc.dialect.IdentifierLength;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.SqlErrorClassifier;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.BigIntType;
import io.dataexport.jdbc.type.BooleanType;
import io.dataexport.jdbc.type.CappedTextType;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import io.dataexport.jdbc.type.ColumnType;
import io.dataexport.jdbc.type.DateType;
import io.dataexport.jdbc.type.DecimalType;
import io.dataexport.jdbc.type.DoubleType;
import io.dataexport.jdbc.type.IntegerType;
import io.dataexport.jdbc.type.UtcDateTimeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * SQL Server and Azure SQL (mssql-jdbc) — not yet verified against a live server. Tables go into
 * {@code destination.schema}, {@code dbo} by default, created when missing. Text is {@code
 * nvarchar} (Unicode), GUIDs {@code uniqueidentifier}, times {@code datetime2(7)} in UTC as DES
 * wrote them.
 *
 * <p>The upsert is one {@code MERGE} per row, sent as a JDBC batch, with {@code WITH (HOLDLOCK)} on
 * the target: without it, two sessions merging the same new key can both see "not matched" and one
 * fails with a duplicate key; serializable range locking makes the check and the insert atomic.
 */
public final class SqlServerDialect implements SqlDialect {
  public static final String TYPE = "sqlserver";

  static final String DEFAULT_SCHEMA = "dbo";

  /** Longest string declared as {@code nvarchar(n)}; longer ones are {@code nvarchar(max)}. */
  static final int NVARCHAR_CAP = 4000;

  private static final int MAX_IDENTIFIER_LENGTH = 128;
  private static final int POOL_SIZE = 4;
  private static final String URL_PREFIX = "jdbc:sqlserver:";
  private static final Set<String> TEXT_TYPES = Set.of("nvarchar", "varchar", "nchar", "char");

  private final Map<ColumnKind, ColumnType> types = new EnumMap<>(ColumnKind.class);
  private final CappedTextType text =
      new CappedTextType("nvarchar(%d)", NVARCHAR_CAP, "nvarchar(max)");
  private final SqlErrorClassifier errors = new SqlServerErrorClassifier();
  private final DatabaseAccess access = new SqlServerAccess(this);

  public SqlServerDialect() {
    types.put(ColumnKind.GUID, new UniqueIdentifierType());
    types.put(ColumnKind.TEXT, text);
    types.put(ColumnKind.INTEGER, new IntegerType("int"));
    types.put(ColumnKind.BIGINT, new BigIntType("bigint"));
    types.put(ColumnKind.DECIMAL, new DecimalType("decimal"));
    types.put(ColumnKind.DOUBLE, new DoubleType("float"));
    types.put(ColumnKind.BOOLEAN, new BooleanType("bit"));
    types.put(ColumnKind.DATETIME, new UtcDateTimeType("datetime2(7)"));
    types.put(ColumnKind.DATE, new DateType("date"));
    types.put(ColumnKind.TIMESTAMP, new UtcDateTimeType("datetime2(7)"));
    types.put(ColumnKind.IDENTITY, new IdentityType());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String schema(String configured) {
    return configured == null || configured.isEmpty() ? DEFAULT_SCHEMA : configured;
  }

  @Override
  public List<Problem> validate(DestinationConfig config) {
    String url = config.jdbcUrl();
    if (url == null || url.isBlank() || url.startsWith(URL_PREFIX)) {
      return List.of();
    }
    return List.of(
        new Problem(
            "destination.jdbcUrl",
            url,
            "a SQL Server destination needs a URL of the form"
                + " jdbc:sqlserver://<host>:1433;databaseName=<database>; use another"
                + " destination.type for other databases"));
  }

  @Override
  public void configure(HikariConfig pool, DestinationConfig config) {
    pool.setDriverClassName("com.microsoft.sqlserver.jdbc.SQLServerDriver");
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(1);
  }

  @Override
  public ColumnType columnType(ColumnKind kind) {
    return types.get(kind);
  }

  @Override
  public String quote(String identifier) {
    IdentifierLength.checked(identifier, MAX_IDENTIFIER_LENGTH, "SQL Server");
    return '[' + identifier.replace("]", "]]") + ']';
  }

  @Override
  public String addColumn(TableName table, ColumnDefinition column) {
    return "ALTER TABLE " + qualify(table) + " ADD " + columnDeclaration(column.optional());
  }

  @Override
  public Map<String, ExistingColumn> existingColumns(Connection connection, TableName table)
      throws SQLException {
    Map<String, ExistingColumn> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION")) {
      select.setString(1, table.schema());
      select.setString(2, table.name());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          int length = rs.getInt(3); // -1 for (max)
          columns.put(
              rs.getString(1),
              new ExistingColumn(
                  rs.getString(1), rs.getString(2), length < 0 ? Integer.MAX_VALUE : length));
        }
      }
    }
    return columns;
  }

  @Override
  public Optional<String> widenColumn(
      TableName table, ColumnDefinition wanted, ExistingColumn existing) {
    if (wanted.kind() != ColumnKind.TEXT
        || !TEXT_TYPES.contains(existing.typeName().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return text.widerType(wanted, existing.size())
        .map(
            type ->
                "ALTER TABLE "
                    + qualify(table)
                    + " ALTER COLUMN "
                    + quote(wanted.name())
                    + " "
                    + type
                    + (wanted.nullable() ? " NULL" : " NOT NULL"));
  }

  @Override
  public String upsert(UpsertStatement upsert) {
    String target = quote("target");
    String source = quote("source");
    String version = quote(upsert.versionColumn());
    List<String> columns = upsert.columns().stream().map(this::quote).toList();
    return "MERGE INTO "
        + qualify(upsert.table())
        + " WITH (HOLDLOCK) AS "
        + target
        + " USING (VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ")) AS "
        + source
        + " ("
        + String.join(", ", columns)
        + ") ON "
        + upsert.keyColumns().stream()
            .map(this::quote)
            .map(k -> target + "." + k + " = " + source + "." + k)
            .collect(Collectors.joining(" AND "))
        + " WHEN MATCHED AND ("
        + target
        + "."
        + version
        + " IS NULL OR "
        + source
        + "."
        + version
        + " >= "
        + target
        + "."
        + version
        + ") THEN UPDATE SET "
        + upsert.updateColumns().stream()
            .map(this::quote)
            .map(c -> c + " = " + source + "." + c)
            .collect(Collectors.joining(", "))
        + " WHEN NOT MATCHED THEN INSERT ("
        + String.join(", ", columns)
        + ") VALUES ("
        + columns.stream().map(c -> source + "." + c).collect(Collectors.joining(", "))
        + ");";
  }

  @Override
  public SqlErrorClassifier errorClassifier() {
    return errors;
  }

  @Override
  public DatabaseAccess access() {
    return access;
  }
}
