package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.ServerAccess;
import io.dataexport.jdbc.dialect.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Asks SQL Server ({@code HAS_PERMS_BY_NAME}, which counts role memberships) for the permissions
 * the service needs; see {@link SqlServerPrivileges}. Not yet verified against a live server.
 */
final class SqlServerAccess extends ServerAccess {
  /** Binds the schema six times: existence, then ALTER, SELECT, INSERT, UPDATE, DELETE. */
  static final String PERMISSIONS =
      "SELECT USER_NAME(), SCHEMA_ID(?),"
          + " HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'CREATE TABLE'),"
          + " HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'CREATE SCHEMA'),"
          + " HAS_PERMS_BY_NAME(?, 'SCHEMA', 'ALTER'), HAS_PERMS_BY_NAME(?, 'SCHEMA', 'SELECT'),"
          + " HAS_PERMS_BY_NAME(?, 'SCHEMA', 'INSERT'), HAS_PERMS_BY_NAME(?, 'SCHEMA', 'UPDATE'),"
          + " HAS_PERMS_BY_NAME(?, 'SCHEMA', 'DELETE'),"
          + " CAST(DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS nvarchar(20))";

  private final SqlServerDialect dialect;

  SqlServerAccess(SqlServerDialect dialect) {
    super("SQL Server", 1433);
    this.dialect = dialect;
  }

  @Override
  protected boolean loginRejected(SQLException failure) {
    return failure.getErrorCode() == 18456 || super.loginRejected(failure);
  }

  @Override
  protected boolean unknownDatabase(SQLException failure) {
    return failure.getErrorCode() == 4060;
  }

  @Override
  public List<Problem> problems(
      Connection connection, DestinationConfig config, List<TableName> tables) throws SQLException {
    String schema = dialect.schema(config.schema());
    try (PreparedStatement select = connection.prepareStatement(PERMISSIONS)) {
      for (int i = 1; i <= 6; i++) {
        select.setString(i, schema);
      }
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        Set<String> held = new HashSet<>();
        String[] names = {
          SqlServerPrivileges.CREATE_TABLE,
          SqlServerPrivileges.CREATE_SCHEMA,
          "ALTER",
          "SELECT",
          "INSERT",
          "UPDATE",
          "DELETE"
        };
        for (int i = 0; i < names.length; i++) {
          if (rs.getInt(i + 3) == 1) {
            held.add(names[i]);
          }
        }
        rs.getInt(2);
        boolean schemaExists = !rs.wasNull();
        return new SqlServerPrivileges(
                rs.getString(1),
                schema,
                schemaExists,
                held,
                "READ_ONLY".equalsIgnoreCase(rs.getString(10)))
            .problems();
      }
    }
  }

  @Override
  public void createSchemaIfMissing(Connection connection, DestinationConfig config)
      throws SQLException {
    String schema = dialect.schema(config.schema());
    try (PreparedStatement select = connection.prepareStatement("SELECT SCHEMA_ID(?)")) {
      select.setString(1, schema);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        rs.getInt(1);
        if (!rs.wasNull()) {
          return;
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(createSchema(schema));
    } catch (SQLException e) {
      if (e.getErrorCode() != 2714) { // created meanwhile by another session
        throw e;
      }
    }
  }

  /** {@code CREATE SCHEMA} must be alone in its batch, so it runs as a statement of its own. */
  String createSchema(String schema) {
    return "CREATE SCHEMA " + dialect.quote(schema);
  }
}
