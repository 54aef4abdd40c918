package io.dataexport.bench.db;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;

/**
 * PostgreSQL for the benchmarks: a schema {@code bench<random>} created on {@link #open} and
 * dropped on {@link #close}; the reference loads are one {@code COPY … FROM STDIN} of the dumped
 * rows through the driver's {@code CopyManager}, in text format (the plain {@code COPY} the targets
 * refer to) and in binary format (what the writer's bulk path sends).
 */
public final class PostgresqlBench implements BenchDatabase {
  private final String url;
  private final String user;
  private final String password;
  private final String schema;
  private final String product;

  private PostgresqlBench(String url, String user, String password, String schema, String product) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.product = product;
  }

  /** Connects and creates a fresh schema. */
  public static PostgresqlBench open(String url, String user, String password) throws SQLException {
    String schema = "bench" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA \"" + schema + "\"");
      String version = connection.getMetaData().getDatabaseProductVersion();
      return OpenDatabases.opened(
          new PostgresqlBench(url, user, password, schema, "PostgreSQL " + version));
    }
  }

  @Override
  public String product() {
    return product;
  }

  /** The schema of this benchmark. */
  public String schema() {
    return schema;
  }

  /**
   * The server's JDBC URL with this benchmark's schema as the connections' current schema, for what
   * keeps its own tables there (the service's config store).
   */
  public String schemaUrl() {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The user the benchmark connects as. */
  public String user() {
    return user;
  }

  /** The user's password; empty or null for none. */
  public String password() {
    return password;
  }

  @Override
  public DestinationConfig destination(String tablePrefix) {
    return new DestinationConfig(
        "postgresql",
        url,
        user,
        password == null || password.isEmpty() ? null : Secret.of(password),
        schema,
        tablePrefix);
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public String qualified(String table) {
    return "\"" + schema + "\".\"" + table + "\"";
  }

  @Override
  public void settle() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  @Override
  public List<ReferenceLoad> references() {
    return List.of(new Copy("text"), new Copy("binary"));
  }

  /** One {@code COPY … FROM STDIN} of all rows through the driver's CopyManager, auto-commit. */
  private final class Copy implements ReferenceLoad {
    private final String format;

    Copy(String format) {
      this.format = format;
    }

    @Override
    public String name() {
      return "COPY " + format;
    }

    @Override
    public String description() {
      return "one COPY FROM STDIN (FORMAT " + format + ") of all rows via CopyManager, auto-commit";
    }

    @Override
    public void dump(String table, Path file) throws Exception {
      try (Connection connection = connect();
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyOut(
                "COPY (SELECT * FROM "
                    + qualified(table)
                    + " ORDER BY \"versionnumber\") TO STDOUT (FORMAT "
                    + format
                    + ")",
                out);
      }
    }

    @Override
    public Result load(Path dump, String table) throws Exception {
      try (Connection connection = connect();
          InputStream in = new BufferedInputStream(Files.newInputStream(dump), 1 << 16)) {
        // the dump was just written, so it streams from the page cache: the copy is what is timed
        long start = System.nanoTime();
        long rows =
            connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                    "COPY " + qualified(table) + " FROM STDIN (FORMAT " + format + ")",
                    in,
                    1 << 16);
        return new Result(rows, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  @Override
  public void close() {
    OpenDatabases.closed(this);
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (SQLException e) {
      System.err.println("Could not drop schema " + schema + ": " + e.getMessage());
    }
  }
}
