package io.dataexport.jdbc.schema;

import io.dataexport.jdbc.dialect.ExistingColumn;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.type.ColumnDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a table to its definition without losing anything: creates it when missing, adds missing
 * columns, widens text columns too narrow for the source's length. Never drops or narrows, so
 * running it again changes nothing.
 */
public final class SchemaEvolution {
  private static final Logger log = LoggerFactory.getLogger(SchemaEvolution.class);

  private final SqlDialect dialect;

  public SchemaEvolution(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Evolves one table; each DDL statement commits on its own (several databases cannot roll DDL
   * back anyway), and a partly evolved table is completed by the next run.
   *
   * @throws SQLException as the driver throws it
   */
  public void evolve(Connection connection, TableDefinition table) throws SQLException {
    Map<String, ExistingColumn> existing = dialect.existingColumns(connection, table.name());
    if (existing.isEmpty()) {
      execute(connection, dialect.createTable(table.name(), table.columns(), table.primaryKey()));
      log.info("Created table {}", table.name());
      return;
    }
    for (ColumnDefinition column : table.columns()) {
      ExistingColumn current = existing.get(column.name());
      if (current == null) {
        execute(connection, dialect.addColumn(table.name(), column));
        log.info("Added column {} to {}", column.name(), table.name());
      } else {
        Optional<String> widen = dialect.widenColumn(table.name(), column, current);
        if (widen.isPresent()) {
          execute(connection, widen.get());
          log.info("Widened column {} of {} to {}", column.name(), table.name(), column.length());
        }
      }
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
