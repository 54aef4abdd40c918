package io.dataexport.jdbc.dialect.sqlite;

import com.zaxxer.hikari.HikariConfig;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.ExistingColumn;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.SqlErrorClassifier;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.type.BigIntType;
import io.dataexport.jdbc.type.ColumnKind;
import io.dataexport.jdbc.type.ColumnType;
import io.dataexport.jdbc.type.DoubleType;
import io.dataexport.jdbc.type.IntegerType;
import io.dataexport.jdbc.type.TextType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * SQLite (xerial driver). One file per destination; no schemas (tables are unqualified, {@code
 * destination.schema} must be empty or {@code main}); a pool of one connection, since SQLite has
 * one writer at a time, in WAL journal mode with a busy timeout so readers never block the writer.
 *
 * <p>Type mapping: GUIDs, text, decimals (exact), date-times and dates as TEXT; whole numbers and
 * booleans (0/1) as INTEGER; doubles as REAL. Text has no length, so columns never need widening.
 */
public final class SqliteDialect implements SqlDialect {
  public static final String TYPE = "sqlite";

  /** Milliseconds a statement waits for another connection's lock before failing as busy. */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Map<ColumnKind, ColumnType> types = new EnumMap<>(ColumnKind.class);
  private final SqlErrorClassifier errors = new SqliteErrorClassifier();

  public SqliteDialect() {
    types.put(ColumnKind.GUID, new GuidTextType());
    types.put(ColumnKind.TEXT, new TextType("TEXT"));
    types.put(ColumnKind.INTEGER, new IntegerType("INTEGER"));
    types.put(ColumnKind.BIGINT, new BigIntType("INTEGER"));
    types.put(ColumnKind.DECIMAL, new DecimalTextType());
    types.put(ColumnKind.DOUBLE, new DoubleType("REAL"));
    types.put(ColumnKind.BOOLEAN, new BooleanIntegerType());
    types.put(ColumnKind.DATETIME, new UtcDateTimeTextType());
    types.put(ColumnKind.DATE, new DateTextType());
    types.put(ColumnKind.TIMESTAMP, new TimestampTextType());
    types.put(ColumnKind.IDENTITY, new AutoIncrementType());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String schema(String configured) {
    return null;
  }

  @Override
  public List<Problem> validate(DestinationConfig config) {
    String url = config.jdbcUrl();
    if (url == null || url.isBlank()) {
      return List.of(); // the general check reports the missing URL
    }
    if (!url.startsWith(SqliteDatabaseFile.URL_PREFIX)) {
      return List.of(
          new Problem(
              "destination.jdbcUrl",
              null,
              "an SQLite destination needs a URL of the form jdbc:sqlite:<file>, e.g. "
                  + SqliteDestinationProvider.EXAMPLE_URL
                  + "; use another destination.type for other databases"));
    }
    List<Problem> problems = new ArrayList<>();
    String schema = config.schema();
    if (schema != null && !schema.isEmpty() && !schema.equalsIgnoreCase("main")) {
      problems.add(
          new Problem(
              "destination.schema",
              schema,
              "SQLite has no schemas besides 'main'; leave destination.schema empty and use"
                  + " destination.tablePrefix to keep several profiles apart in one file"));
    }
    try {
      new SqliteDatabaseFile(url).path();
    } catch (RuntimeException e) {
      problems.add(
          new Problem(
              "destination.jdbcUrl",
              null,
              "the database file path is not valid: " + e.getMessage()));
    }
    return problems;
  }

  @Override
  public void configure(HikariConfig pool, DestinationConfig config) {
    SqliteDatabaseFile file = new SqliteDatabaseFile(config.jdbcUrl());
    // One connection: SQLite serialises writers anyway, and a second pooled connection would only
    // wait for the first one's lock (or, in memory, see another database).
    pool.setMaximumPoolSize(1);
    pool.setMinimumIdle(1);
    // Never recycle it: SQLite has no server-side timeouts, and an in-memory database (tests)
    // would vanish with its connection.
    pool.setMaxLifetime(0);
    pool.setIdleTimeout(0);
    if (file.path().isPresent() && !file.setsPragma("journal_mode")) {
      pool.addDataSourceProperty("journal_mode", "WAL");
    }
    if (!file.setsPragma("busy_timeout")) {
      pool.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
    }
  }

  @Override
  public boolean databaseExists(DestinationConfig config) {
    return new SqliteDatabaseFile(config.jdbcUrl()).path().map(Files::exists).orElse(true);
  }

  @Override
  public void createDatabaseIfMissing(DestinationConfig config) {
    new SqliteDatabaseFile(config.jdbcUrl())
        .path()
        .map(Path::getParent)
        .ifPresent(
            directory -> {
              try {
                Files.createDirectories(directory);
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot create the directory " + directory + " of the SQLite database", e);
              }
            });
  }

  /** The file is a writable file, or, when it does not exist yet, its directory can take it. */
  @Override
  public List<Problem> localProblems(DestinationConfig config) {
    Optional<Path> path = new SqliteDatabaseFile(config.jdbcUrl()).path();
    if (path.isEmpty()) {
      return List.of(); // in memory
    }
    Path file = path.get();
    if (Files.isDirectory(file)) {
      return List.of(
          localProblem(
              file + " is a directory; name a file, e.g. " + file.resolve("export.sqlite")));
    }
    if (Files.exists(file)) {
      return Files.isWritable(file)
          ? List.of()
          : List.of(localProblem(file + " is not writable by the service; change its permissions"));
    }
    // The nearest existing ancestor must take new entries: the directories, then the file.
    Path existing = file.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      if (existing == null || !Files.isDirectory(existing)) {
        throw new IOException("no existing directory above " + file);
      }
      Files.delete(Files.createTempFile(existing, ".dataexport-validate-", ".tmp"));
      return List.of();
    } catch (IOException e) {
      return List.of(
          new Problem(
              "destination.jdbcUrl",
              config.jdbcUrl(),
              "the SQLite file "
                  + file
                  + " cannot be created ("
                  + e.getMessage()
                  + "). Point destination.jdbcUrl at a directory the service may write to."));
    }
  }

  private static Problem localProblem(String message) {
    return new Problem("destination.jdbcUrl", null, message);
  }

  @Override
  public ColumnType columnType(ColumnKind kind) {
    return types.get(kind);
  }

  @Override
  public Map<String, ExistingColumn> existingColumns(Connection connection, TableName table)
      throws SQLException {
    Map<String, ExistingColumn> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT name, type FROM pragma_table_info(?)")) {
      statement.setString(1, table.name());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), new ExistingColumn(rs.getString(1), rs.getString(2), 0));
        }
      }
    }
    return columns;
  }

  @Override
  public String upsert(UpsertStatement upsert) {
    String table = qualify(upsert.table());
    String version = quote(upsert.versionColumn());
    return "INSERT INTO "
        + table
        + " ("
        + upsert.columns().stream().map(this::quote).collect(Collectors.joining(", "))
        + ") VALUES ("
        + upsert.columns().stream().map(c -> "?").collect(Collectors.joining(", "))
        + ") ON CONFLICT ("
        + upsert.keyColumns().stream().map(this::quote).collect(Collectors.joining(", "))
        + ") DO UPDATE SET "
        + upsert.updateColumns().stream()
            .map(c -> quote(c) + " = excluded." + quote(c))
            .collect(Collectors.joining(", "))
        + " WHERE "
        + table
        + "."
        + version
        + " IS NULL OR excluded."
        + version
        + " >= "
        + table
        + "."
        + version;
  }

  @Override
  public SqlErrorClassifier errorClassifier() {
    return errors;
  }
}
