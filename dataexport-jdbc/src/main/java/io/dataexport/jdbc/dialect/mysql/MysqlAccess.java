package io.dataexport.jdbc.dialect.mysql;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.ServerAccess;
import io.dataexport.jdbc.dialect.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what the service needs on MySQL or MariaDB: the database exists or the user may create it,
 * and the user holds, on all of its tables, the privileges the service uses. MySQL grants per
 * database, not per owner, so the tables that exist already need no check of their own.
 */
final class MysqlAccess extends ServerAccess {
  /** What the service does: create tables (and the database), evolve them, write and read them. */
  static final Set<String> NEEDED =
      new LinkedHashSet<>(List.of("CREATE", "ALTER", "INSERT", "UPDATE", "DELETE", "SELECT"));

  private final MysqlDialect dialect;

  MysqlAccess(MysqlDialect dialect) {
    super("MySQL/MariaDB", 3306);
    this.dialect = dialect;
  }

  @Override
  protected boolean unknownDatabase(SQLException failure) {
    return failure.getErrorCode() == 1049;
  }

  @Override
  public List<Problem> problems(
      Connection connection, DestinationConfig config, List<TableName> tables) throws SQLException {
    String user;
    String database;
    boolean readOnly;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT CURRENT_USER(), DATABASE(), @@read_only")) {
      rs.next();
      user = account(rs.getString(1));
      database = dialect.schema(config.schema()) == null ? rs.getString(2) : config.schema();
      readOnly = rs.getBoolean(3);
    }
    List<Problem> problems = new ArrayList<>();
    String field =
        dialect.schema(config.schema()) == null ? "destination.jdbcUrl" : "destination.schema";
    String value = field.equals("destination.schema") ? database : config.jdbcUrl();
    if (readOnly) {
      problems.add(
          new Problem(
              "destination.jdbcUrl",
              config.jdbcUrl(),
              "the server at "
                  + server(config.jdbcUrl())
                  + " is read-only (read_only = ON, a replica?). Point destination.jdbcUrl at"
                  + " the primary"));
    }
    Set<String> missing = new LinkedHashSet<>(NEEDED);
    missing.removeAll(MysqlGrants.on(grants(connection), database, NEEDED));
    if (missing.isEmpty()) {
      return problems;
    }
    String grant =
        "GRANT "
            + String.join(", ", NEEDED)
            + " ON "
            + dialect.quote(database)
            + ".* TO "
            + user
            + ";";
    String lacks = "user " + user + " lacks " + String.join(", ", missing) + " on database ";
    problems.add(
        new Problem(
            field,
            value,
            databaseExists(connection, database)
                ? lacks
                    + dialect.quote(database)
                    + " (the service creates its tables there, alters them as the source"
                    + " evolves, and writes and reads them). Grant them: "
                    + grant
                : "the database "
                    + dialect.quote(database)
                    + " does not exist and "
                    + lacks
                    + dialect.quote(database)
                    + ", so the service can neither create nor use it. Create it"
                    + " (CREATE DATABASE "
                    + dialect.quote(database)
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;) and grant them: "
                    + grant));
    return problems;
  }

  /** {@code user@host} as MySQL writes accounts in statements: {@code 'user'@'host'}. */
  static String account(String currentUser) {
    int at = currentUser.lastIndexOf('@');
    String name = at < 0 ? currentUser : currentUser.substring(0, at);
    String host = at < 0 ? "%" : currentUser.substring(at + 1);
    return "'" + name.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
  }

  private static List<String> grants(Connection connection) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }

  private static boolean databaseExists(Connection connection, String database)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      select.setString(1, database);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public void createSchemaIfMissing(Connection connection, DestinationConfig config)
      throws SQLException {
    String database = dialect.schema(config.schema());
    if (database != null && !databaseExists(connection, database)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE DATABASE IF NOT EXISTS "
                + dialect.quote(database)
                + " CHARACTER SET "
                + MysqlDialect.CHARSET
                + " COLLATE "
                + MysqlDialect.COLLATION);
      }
    }
  }
}
