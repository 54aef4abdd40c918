package io.dataexport.bench.db;

import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.api.profile.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * MariaDB (or MySQL) for the benchmarks: a database {@code bench<random>} created on {@link #open}
 * and dropped on {@link #close}; the reference load is multi-row {@code INSERT}s of {@value
 * #ROWS_PER_INSERT} rows, committed every {@value #ROWS_PER_COMMIT} rows, in the session settings
 * the destination uses (utf8mb4, READ COMMITTED).
 */
public final class MariadbBench implements BenchDatabase {
  static final int ROWS_PER_INSERT = 500;
  static final int ROWS_PER_COMMIT = 5000;

  private final String serverUrl;
  private final String user;
  private final String password;
  private final String database;
  private final String product;

  private MariadbBench(
      String serverUrl, String user, String password, String database, String product) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.database = database;
    this.product = product;
  }

  /**
   * Connects and creates a fresh database.
   *
   * @param serverUrl a URL without database, e.g. {@code jdbc:mariadb://127.0.0.1:3306/}
   */
  public static MariadbBench open(String serverUrl, String user, String password)
      throws SQLException {
    String database = "bench" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      String version = connection.getMetaData().getDatabaseProductVersion();
      return OpenDatabases.opened(
          new MariadbBench(serverUrl, user, password, database, "MariaDB " + version));
    }
  }

  @Override
  public String product() {
    return product;
  }

  @Override
  public DestinationConfig destination(String tablePrefix) {
    return new DestinationConfig(
        "mysql",
        databaseUrl(),
        user,
        password == null || password.isEmpty() ? null : Secret.of(password),
        null,
        tablePrefix);
  }

  @Override
  public Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(databaseUrl(), user, password);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
      statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    }
    return connection;
  }

  @Override
  public String qualified(String table) {
    return "`" + database + "`.`" + table + "`";
  }

  @Override
  public void settle() {
    // InnoDB flushes in the background; nothing comparable to a checkpoint is exposed
  }

  @Override
  public List<ReferenceLoad> references() {
    return List.of(new MultiRowInsert());
  }

  /** Multi-row inserts of the dumped rows, as the class describes. */
  private final class MultiRowInsert implements ReferenceLoad {
    @Override
    public String name() {
      return "multi-row INSERT";
    }

    @Override
    public String description() {
      return referenceDescription();
    }

    @Override
    public void dump(String table, Path file) throws Exception {
      MariadbBench.this.dump(table, file);
    }

    @Override
    public Result load(Path dump, String table) throws Exception {
      return referenceLoad(dump, table);
    }
  }

  private long dump(String table, Path file) throws Exception {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.setFetchSize(1000);
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT * FROM " + qualified(table) + " ORDER BY `versionnumber`")) {
        return RowFile.write(rows, file);
      }
    }
  }

  private ReferenceLoad.Result referenceLoad(Path dump, String table) throws Exception {
    long loaded = 0;
    long nanos = 0;
    try (Connection connection = connect();
        RowFile.Reader reader = new RowFile.Reader(dump)) {
      connection.setAutoCommit(false);
      PreparedStatement full = null;
      try {
        boolean more = true;
        while (more) {
          // read a transaction's rows first: only the inserts and the commit are timed
          List<Object[]> rows = new ArrayList<>(ROWS_PER_COMMIT);
          while (rows.size() < ROWS_PER_COMMIT) {
            Object[] row = reader.next();
            if (row == null) {
              more = false;
              break;
            }
            rows.add(row);
          }
          if (rows.isEmpty()) {
            break;
          }
          long start = System.nanoTime();
          for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk =
                rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            if (chunk.size() == ROWS_PER_INSERT) {
              if (full == null) {
                full =
                    connection.prepareStatement(
                        insert(table, chunk.getFirst().length, chunk.size()));
              }
              insert(full, chunk);
            } else {
              try (PreparedStatement rest =
                  connection.prepareStatement(
                      insert(table, chunk.getFirst().length, chunk.size()))) {
                insert(rest, chunk);
              }
            }
          }
          connection.commit();
          nanos += System.nanoTime() - start;
          loaded += rows.size();
        }
      } finally {
        if (full != null) {
          full.close();
        }
      }
    }
    return new ReferenceLoad.Result(loaded, nanos / 1e9);
  }

  private static void insert(PreparedStatement statement, List<Object[]> rows) throws SQLException {
    int index = 1;
    for (Object[] row : rows) {
      for (Object value : row) {
        statement.setObject(index++, value);
      }
    }
    statement.executeUpdate();
  }

  private String insert(String table, int columns, int rows) {
    String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    return "INSERT INTO "
        + qualified(table)
        + " VALUES "
        + String.join(", ", Collections.nCopies(rows, row));
  }

  private static String referenceDescription() {
    return "multi-row INSERT of "
        + ROWS_PER_INSERT
        + " rows per statement, committed every "
        + ROWS_PER_COMMIT
        + " rows";
  }

  @Override
  public void close() {
    OpenDatabases.closed(this);
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
    } catch (SQLException e) {
      System.err.println("Could not drop database " + database + ": " + e.getMessage());
    }
  }

  private String databaseUrl() {
    return serverUrl.endsWith("/") ? serverUrl + database : serverUrl + "/" + database;
  }
}
