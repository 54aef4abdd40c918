package io.dataexport.jdbc.dialect.postgresql;

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
import io.dataexport.jdbc.dialect.UrlParameters;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PostgreSQL (pgjdbc). Tables go into {@code destination.schema}, {@code public} by default; the
 * schema is created when missing. Identifiers are always quoted, so their case is kept ({@code
 * "SinkCreatedOn"}); names longer than PostgreSQL's 63 bytes are refused rather than truncated.
 *
 * <p>Batches are rewritten into multi-row statements ({@code reWriteBatchedInserts}) unless the URL
 * says otherwise. The upsert is {@code INSERT … ON CONFLICT … DO UPDATE … WHERE}, which is atomic
 * under concurrency (unlike {@code MERGE}, which can fail with a unique violation when two sessions
 * insert the same key). Large rounds take the bulk path instead ({@link PostgresqlBulkUpsert}):
 * {@code COPY} straight into the table while its keys are new, else into a temporary staging table
 * followed by the same guarded {@code INSERT … SELECT}; a user who may not create temporary tables
 * gets the batched upsert for those rounds.
 */
public final class PostgresqlDialect implements SqlDialect {
  public static final String TYPE = "postgresql";

  static final String DEFAULT_SCHEMA = "public";
  static final int MAX_IDENTIFIER_BYTES = 63;

  /** Longest string declared as {@code varchar(n)}; longer ones and memos are {@code text}. */
  static final int VARCHAR_CAP = 4000;

  private static final int POOL_SIZE = 4;
  private static final String URL_PREFIX = "jdbc:postgresql:";
  private static final Set<String> TEXT_TYPES = Set.of("varchar", "text", "bpchar");

  private final Map<ColumnKind, ColumnType> types = new EnumMap<>(ColumnKind.class);
  private final CappedTextType text = new CappedTextType("varchar(%d)", VARCHAR_CAP, "text");
  private final SqlErrorClassifier errors = new PostgresqlErrorClassifier();
  private final DatabaseAccess access = new PostgresqlAccess(this);
  private final BulkUpsert bulk = new PostgresqlBulkUpsert(this);

  public PostgresqlDialect() {
    types.put(ColumnKind.GUID, new UuidType());
    types.put(ColumnKind.TEXT, text);
    types.put(ColumnKind.INTEGER, new IntegerType("integer"));
    types.put(ColumnKind.BIGINT, new BigIntType("bigint"));
    types.put(ColumnKind.DECIMAL, new DecimalType("numeric"));
    types.put(ColumnKind.DOUBLE, new DoubleType("double precision"));
    types.put(ColumnKind.BOOLEAN, new BooleanType("boolean"));
    types.put(ColumnKind.DATETIME, new TimestampTzType());
    types.put(ColumnKind.DATE, new DateType("date"));
    types.put(ColumnKind.TIMESTAMP, new TimestampTzType());
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
            "a PostgreSQL destination needs a URL of the form"
                + " jdbc:postgresql://<host>:5432/<database>; use another destination.type for"
                + " other databases"));
  }

  @Override
  public void configure(HikariConfig pool, DestinationConfig config) {
    pool.setDriverClassName("org.postgresql.Driver");
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(1);
    if (!UrlParameters.has(config.jdbcUrl(), "reWriteBatchedInserts")) {
      pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    if (!UrlParameters.has(config.jdbcUrl(), "ApplicationName")) {
      pool.addDataSourceProperty("ApplicationName", "dataexport");
    }
  }

  @Override
  public ColumnType columnType(ColumnKind kind) {
    return types.get(kind);
  }

  @Override
  public String quote(String identifier) {
    IdentifierLength.checked(identifier, MAX_IDENTIFIER_BYTES, "PostgreSQL");
    return SqlDialect.super.quote(identifier);
  }

  @Override
  public Optional<String> widenColumn(
      TableName table, ColumnDefinition wanted, ExistingColumn existing) {
    String existingType = existing.typeName().toLowerCase(Locale.ROOT);
    if (wanted.kind() != ColumnKind.TEXT || !TEXT_TYPES.contains(existingType)) {
      return Optional.empty();
    }
    int length = existingType.equals("text") ? Integer.MAX_VALUE : existing.size();
    return text.widerType(wanted, length)
        .map(
            type ->
                "ALTER TABLE "
                    + qualify(table)
                    + " ALTER COLUMN "
                    + quote(wanted.name())
                    + " TYPE "
                    + type);
  }

  @Override
  public String upsert(UpsertStatement upsert) {
    return insertInto(upsert)
        + " VALUES ("
        + upsert.columns().stream().map(c -> "?").collect(Collectors.joining(", "))
        + ")"
        + onConflict(upsert);
  }

  /**
   * The version-guarded merge of a staging table holding the upsert's columns: {@code INSERT …
   * SELECT … FROM stage ON CONFLICT …} with the guard of {@link #upsert}.
   *
   * @param stage the staging table's quoted name
   */
  String merge(UpsertStatement upsert, String stage) {
    return insertInto(upsert)
        + " SELECT "
        + upsert.columns().stream().map(this::quote).collect(Collectors.joining(", "))
        + " FROM "
        + stage
        + onConflict(upsert);
  }

  @Override
  public Optional<BulkUpsert> bulkUpsert() {
    return Optional.of(bulk);
  }

  private String insertInto(UpsertStatement upsert) {
    return "INSERT INTO "
        + qualify(upsert.table())
        + " AS "
        + quote("existing")
        + " ("
        + upsert.columns().stream().map(this::quote).collect(Collectors.joining(", "))
        + ")";
  }

  private String onConflict(UpsertStatement upsert) {
    String existing = quote("existing");
    String version = quote(upsert.versionColumn());
    return " ON CONFLICT ("
        + upsert.keyColumns().stream().map(this::quote).collect(Collectors.joining(", "))
        + ") DO UPDATE SET "
        + upsert.updateColumns().stream()
            .map(c -> quote(c) + " = excluded." + quote(c))
            .collect(Collectors.joining(", "))
        + " WHERE "
        + existing
        + "."
        + version
        + " IS NULL OR excluded."
        + version
        + " >= "
        + existing
        + "."
        + version;
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
