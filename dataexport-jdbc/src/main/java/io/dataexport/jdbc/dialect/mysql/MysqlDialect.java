package io.dataexport.jdbc.dialect.mysql;

import com.zaxxer.hikari.HikariConfig;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.BulkUpsert;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * MySQL 8 and MariaDB 10.5+, through the MariaDB driver ({@code jdbc:mysql:} URLs are opened as
 * {@code jdbc:mariadb:}). A schema is a database: {@code destination.schema} names one (created
 * when missing), otherwise tables go into the URL's database. Tables are InnoDB in utf8mb4 with
 * {@code utf8mb4_unicode_ci}, so emoji and every script round-trip; sessions use utf8mb4, strict
 * SQL mode (a value that does not fit fails instead of being truncated) and READ COMMITTED (no gap
 * locks between concurrent batches).
 *
 * <p>The upsert is {@code INSERT … ON DUPLICATE KEY UPDATE}; since MySQL has no {@code WHERE}
 * there, every assignment carries the version guard, and the version column is assigned last so
 * that the guards before it still compare with the row's old version. Large rounds go as multi-row
 * statements of the same upsert ({@link MultiRowUpsert}), one parse per few hundred rows instead of
 * one per row.
 */
public final class MysqlDialect implements SqlDialect {
  public static final String TYPE = "mysql";

  /** Longest string declared as {@code varchar(n)}; longer ones, memos, are {@code longtext}. */
  static final int VARCHAR_CAP = 255;

  static final String CHARSET = "utf8mb4";
  static final String COLLATION = "utf8mb4_unicode_ci";
  static final int MAX_IDENTIFIER_LENGTH = 64;

  private static final int POOL_SIZE = 4;
  private static final String SESSION =
      "SET NAMES "
          + CHARSET
          + " COLLATE "
          + COLLATION
          + ", SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
          + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
  private static final Set<String> TEXT_TYPES =
      Set.of("varchar", "char", "tinytext", "text", "mediumtext", "longtext");

  private final Map<ColumnKind, ColumnType> types = new EnumMap<>(ColumnKind.class);
  private final CappedTextType text = new CappedTextType("varchar(%d)", VARCHAR_CAP, "longtext");
  private final SqlErrorClassifier errors = new MysqlErrorClassifier();
  private final DatabaseAccess access = new MysqlAccess(this);
  private final BulkUpsert bulk = new MultiRowUpsert(this);

  public MysqlDialect() {
    types.put(ColumnKind.GUID, new GuidCharType());
    types.put(ColumnKind.TEXT, text);
    types.put(ColumnKind.INTEGER, new IntegerType("int"));
    types.put(ColumnKind.BIGINT, new BigIntType("bigint"));
    types.put(ColumnKind.DECIMAL, new DecimalType("decimal"));
    types.put(ColumnKind.DOUBLE, new DoubleType("double"));
    types.put(ColumnKind.BOOLEAN, new BooleanType("tinyint(1)"));
    types.put(ColumnKind.DATETIME, new UtcDateTimeType("datetime(6)"));
    types.put(ColumnKind.DATE, new DateType("date"));
    types.put(ColumnKind.TIMESTAMP, new UtcDateTimeType("datetime(6)"));
    types.put(ColumnKind.IDENTITY, new AutoIncrementType());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String schema(String configured) {
    return configured == null || configured.isEmpty() ? null : configured;
  }

  @Override
  public List<Problem> validate(DestinationConfig config) {
    String url = config.jdbcUrl();
    if (url == null || url.isBlank()) {
      return List.of();
    }
    MysqlUrl parsed = new MysqlUrl(url);
    if (!parsed.isMysqlOrMariadb()) {
      return List.of(
          new Problem(
              "destination.jdbcUrl",
              url,
              "a MySQL or MariaDB destination needs a URL of the form"
                  + " jdbc:mysql://<host>:3306/<database> or jdbc:mariadb://<host>:3306/<database>;"
                  + " use another destination.type for other databases"));
    }
    if (parsed.database() == null && schema(config.schema()) == null) {
      return List.of(
          new Problem(
              "destination.jdbcUrl",
              url,
              "the URL names no database and destination.schema is empty: name the database in"
                  + " the URL (jdbc:mysql://<host>:3306/crm) or set destination.schema"));
    }
    return List.of();
  }

  @Override
  public void configure(HikariConfig pool, DestinationConfig config) {
    pool.setJdbcUrl(new MysqlUrl(config.jdbcUrl()).forDriver());
    pool.setDriverClassName("org.mariadb.jdbc.Driver");
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(1);
    pool.setConnectionInitSql(SESSION);
    pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
  }

  @Override
  public ColumnType columnType(ColumnKind kind) {
    return types.get(kind);
  }

  @Override
  public String quote(String identifier) {
    IdentifierLength.checked(identifier, MAX_IDENTIFIER_LENGTH, "MySQL");
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public String qualify(TableName table) {
    return table.schema() == null
        ? quote(table.name())
        : quote(table.schema()) + "." + quote(table.name());
  }

  @Override
  public String createTable(
      TableName table, List<ColumnDefinition> columns, List<String> primaryKey) {
    return SqlDialect.super.createTable(table, RowSizeBudget.fit(columns), primaryKey)
        + " ENGINE=InnoDB DEFAULT CHARSET="
        + CHARSET
        + " COLLATE="
        + COLLATION;
  }

  @Override
  public Map<String, ExistingColumn> existingColumns(Connection connection, TableName table)
      throws SQLException {
    Map<String, ExistingColumn> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE())"
                + " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      select.setString(1, table.schema());
      select.setString(2, table.name());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long length = rs.getLong(3);
          columns.put(
              rs.getString(1),
              new ExistingColumn(
                  rs.getString(1), rs.getString(2), (int) Math.min(length, Integer.MAX_VALUE)));
        }
      }
    }
    return columns;
  }

  @Override
  public Optional<String> widenColumn(
      TableName table, ColumnDefinition wanted, ExistingColumn existing) {
    String existingType = existing.typeName().toLowerCase(Locale.ROOT);
    if (wanted.kind() != ColumnKind.TEXT || !TEXT_TYPES.contains(existingType)) {
      return Optional.empty();
    }
    int length = existingType.equals("longtext") ? Integer.MAX_VALUE : existing.size();
    return text.widerType(wanted, length)
        .map(
            type ->
                "ALTER TABLE "
                    + qualify(table)
                    + " MODIFY COLUMN "
                    + quote(wanted.name())
                    + " "
                    + type
                    + (wanted.nullable() ? " NULL" : " NOT NULL"));
  }

  @Override
  public String upsert(UpsertStatement upsert) {
    return upsert(upsert, 1);
  }

  /** The upsert of {@code rows} rows in one statement: a {@code VALUES} tuple per row. */
  String upsert(UpsertStatement upsert, int rows) {
    String version = quote(upsert.versionColumn());
    String newer = "(" + version + " IS NULL OR VALUES(" + version + ") >= " + version + ")";
    // The version goes last: MySQL assigns left to right, and the guards must see the old one.
    List<String> assigned = new ArrayList<>(upsert.updateColumns());
    assigned.remove(upsert.versionColumn());
    assigned.add(upsert.versionColumn());
    return "INSERT INTO "
        + qualify(upsert.table())
        + " ("
        + upsert.columns().stream().map(this::quote).collect(Collectors.joining(", "))
        + ") VALUES "
        + String.join(
            ", ",
            Collections.nCopies(
                rows,
                "("
                    + upsert.columns().stream().map(c -> "?").collect(Collectors.joining(", "))
                    + ")"))
        + " ON DUPLICATE KEY UPDATE "
        + assigned.stream()
            .map(this::quote)
            .map(c -> c + " = IF(" + newer + ", VALUES(" + c + "), " + c + ")")
            .collect(Collectors.joining(", "));
  }

  @Override
  public Optional<BulkUpsert> bulkUpsert() {
    return Optional.of(bulk);
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
