package io.dataexport.jdbc.dialect;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The general check for databases without a privilege catalogue worth asking (SQLite): creates and
 * drops a scratch table where the tables will go. Creates no schema.
 */
public final class ScratchTableAccess implements DatabaseAccess {
  private final SqlDialect dialect;

  public ScratchTableAccess(SqlDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public Problem connectionProblem(DestinationConfig config, SQLException failure) {
    return new Problem(
        "destination.jdbcUrl",
        config.jdbcUrl(),
        "cannot connect: "
            + failure.getMessage()
            + ". Check the URL, that the database is running and reachable from the service, and"
            + " the username and password");
  }

  @Override
  public List<Problem> problems(
      Connection connection, DestinationConfig config, List<TableName> tables) {
    TableName scratch =
        new TableName(
            dialect.schema(config.schema()),
            config.tableName(
                "dataexport_validate_"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())));
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          dialect.createTable(
              scratch, List.of(ColumnDefinition.of("Id", ColumnKind.GUID).required()), List.of()));
      statement.execute("DROP TABLE " + dialect.qualify(scratch));
      return List.of();
    } catch (SQLException e) {
      boolean hasSchema = config.schema() != null && !config.schema().isEmpty();
      return List.of(
          new Problem(
              hasSchema ? "destination.schema" : "destination.jdbcUrl",
              hasSchema ? config.schema() : config.jdbcUrl(),
              "the service cannot create and drop tables there: "
                  + e.getMessage()
                  + ". Grant the user the right to create tables in the schema, or choose one"
                  + " where it has it"));
    }
  }

  @Override
  public void createSchemaIfMissing(Connection connection, DestinationConfig config) {}
}
