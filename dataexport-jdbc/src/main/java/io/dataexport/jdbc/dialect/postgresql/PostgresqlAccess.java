package io.dataexport.jdbc.dialect.postgresql;

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
import java.util.Optional;
import java.util.Set;

/**
 * Checks PostgreSQL's catalogue for what the service needs: the schema exists (or the user may
 * create it), the user may use and create in it, and, for service tables that exist already, holds
 * SELECT, INSERT, UPDATE and DELETE on them and owns them (in PostgreSQL only a table's owner may
 * {@code ALTER} it, which schema evolution does). Role memberships count, as PostgreSQL counts
 * them.
 */
final class PostgresqlAccess extends ServerAccess {
  private static final List<String> TABLE_PRIVILEGES =
      List.of("SELECT", "INSERT", "UPDATE", "DELETE");
  private static final int TABLES_NAMED = 5;

  private final PostgresqlDialect dialect;

  PostgresqlAccess(PostgresqlDialect dialect) {
    super("PostgreSQL", 5432);
    this.dialect = dialect;
  }

  @Override
  protected boolean unknownDatabase(SQLException failure) {
    return "3D000".equals(failure.getSQLState());
  }

  @Override
  public List<Problem> problems(
      Connection connection, DestinationConfig config, List<TableName> tables) throws SQLException {
    String schema = dialect.schema(config.schema());
    List<Problem> problems = new ArrayList<>();
    String user;
    String database;
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT current_user, current_database(), pg_is_in_recovery(),"
                    + " current_setting('transaction_read_only') = 'on',"
                    + " has_database_privilege(current_database(), 'CREATE')")) {
      rs.next();
      user = rs.getString(1);
      database = rs.getString(2);
      if (rs.getBoolean(3) || rs.getBoolean(4)) {
        problems.add(
            new Problem(
                "destination.jdbcUrl",
                config.jdbcUrl(),
                "the server at "
                    + server(config.jdbcUrl())
                    + " accepts no writes (a standby, or default_transaction_read_only is on)."
                    + " Point destination.jdbcUrl at the primary"));
      }
      if (!schemaExists(connection, schema)) {
        if (!rs.getBoolean(5)) {
          problems.add(
              new Problem(
                  "destination.schema",
                  schema,
                  "the schema "
                      + q(schema)
                      + " does not exist and user "
                      + q(user)
                      + " may not create it (it lacks CREATE on database "
                      + q(database)
                      + "). Create it for the user: CREATE SCHEMA "
                      + q(schema)
                      + " AUTHORIZATION "
                      + q(user)
                      + "; or let the user create schemas: GRANT CREATE ON DATABASE "
                      + q(database)
                      + " TO "
                      + q(user)
                      + ";"));
        }
        return problems; // a schema the user creates is the user's: it may do everything there
      }
    }
    schemaPrivileges(connection, schema, user).ifPresent(problems::add);
    problems.addAll(tablePrivileges(connection, schema, user, tables));
    return problems;
  }

  private static boolean schemaExists(Connection connection, String schema) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      select.setString(1, schema);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  private Optional<Problem> schemaPrivileges(Connection connection, String schema, String user)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT has_schema_privilege(oid, 'USAGE'), has_schema_privilege(oid, 'CREATE')"
                + " FROM pg_namespace WHERE nspname = ?")) {
      select.setString(1, schema);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          missing.add("USAGE");
        }
        if (!rs.getBoolean(2)) {
          missing.add("CREATE");
        }
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String privileges = String.join(", ", missing);
    return Optional.of(
        new Problem(
            "destination.schema",
            schema,
            "user "
                + q(user)
                + " lacks "
                + privileges
                + " on schema "
                + q(schema)
                + " (the service creates its tables there and adds columns as the source"
                + " evolves). Grant it as the schema's owner: GRANT "
                + privileges
                + " ON SCHEMA "
                + q(schema)
                + " TO "
                + q(user)
                + ";"));
  }

  private List<Problem> tablePrivileges(
      Connection connection, String schema, String user, List<TableName> tables)
      throws SQLException {
    List<String> names = tables.stream().map(TableName::name).distinct().toList();
    Set<String> missing = new LinkedHashSet<>();
    List<String> notWritable = new ArrayList<>();
    List<String> notOwned = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT c.relname, has_table_privilege(c.oid, 'SELECT'),"
                + " has_table_privilege(c.oid, 'INSERT'), has_table_privilege(c.oid, 'UPDATE'),"
                + " has_table_privilege(c.oid, 'DELETE'), pg_has_role(c.relowner, 'USAGE')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname = ANY (?)"
                + " ORDER BY c.relname")) {
      select.setString(1, schema);
      select.setArray(2, connection.createArrayOf("text", names.toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String table = q(schema) + "." + q(rs.getString(1));
          boolean writable = true;
          for (int i = 0; i < TABLE_PRIVILEGES.size(); i++) {
            if (!rs.getBoolean(i + 2)) {
              missing.add(TABLE_PRIVILEGES.get(i));
              writable = false;
            }
          }
          if (!writable) {
            notWritable.add(table);
          }
          if (!rs.getBoolean(6)) {
            notOwned.add(table);
          }
        }
      }
    }
    List<Problem> problems = new ArrayList<>();
    if (!notWritable.isEmpty()) {
      problems.add(
          new Problem(
              "destination.schema",
              schema,
              "user "
                  + q(user)
                  + " lacks "
                  + String.join(", ", missing)
                  + " on the existing tables "
                  + listed(notWritable)
                  + ". Grant them: GRANT "
                  + String.join(", ", TABLE_PRIVILEGES)
                  + " ON ALL TABLES IN SCHEMA "
                  + q(schema)
                  + " TO "
                  + q(user)
                  + ";"));
    }
    if (!notOwned.isEmpty()) {
      problems.add(
          new Problem(
              "destination.schema",
              schema,
              "user "
                  + q(user)
                  + " does not own the existing tables "
                  + listed(notOwned)
                  + ", and in PostgreSQL only the owner may ALTER a table (schema evolution adds"
                  + " and widens columns). Make the user the owner: "
                  + notOwned.stream()
                      .limit(TABLES_NAMED)
                      .map(t -> "ALTER TABLE " + t + " OWNER TO " + q(user) + ";")
                      .reduce((a, b) -> a + " " + b)
                      .orElse("")
                  + (notOwned.size() > TABLES_NAMED ? " (and likewise for the others)" : "")));
    }
    return problems;
  }

  private static String listed(List<String> tables) {
    return tables.size() <= TABLES_NAMED
        ? String.join(", ", tables)
        : String.join(", ", tables.subList(0, TABLES_NAMED))
            + " and "
            + (tables.size() - TABLES_NAMED)
            + " more";
  }

  @Override
  public void createSchemaIfMissing(Connection connection, DestinationConfig config)
      throws SQLException {
    String schema = dialect.schema(config.schema());
    // CREATE SCHEMA IF NOT EXISTS still demands CREATE on the database; ask the catalogue first.
    if (!schemaExists(connection, schema)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + dialect.quote(schema));
      }
    }
  }

  private String q(String identifier) {
    return dialect.quote(identifier);
  }
}
