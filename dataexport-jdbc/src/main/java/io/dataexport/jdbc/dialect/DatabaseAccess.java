package io.dataexport.jdbc.dialect;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How a dialect checks a live database before activation and creates the schema its tables go into.
 * Validation calls {@link #connectionProblem} when it cannot connect, otherwise {@link #problems};
 * preparation calls {@link #createSchemaIfMissing} before the first table. Stateless and
 * thread-safe.
 */
public interface DatabaseAccess {

  /**
   * What to tell the administrator when connecting failed: the server unreachable (naming host and
   * port), the login rejected, or the database missing — each with what to do. The caller hides the
   * password and redacts the URL afterwards.
   *
   * @param failure what the driver (or the pool) threw
   */
  Problem connectionProblem(DestinationConfig config, SQLException failure);

  /**
   * Everything the service will need, checked without changing anything visible: the schema exists
   * or the user may create it, and the user holds every privilege the service uses (create tables,
   * alter them for schema evolution, insert, update, delete, select). Each missing privilege is
   * named with the statement that grants it.
   *
   * @param tables the service's tables whose privileges matter where they exist already (metadata,
   *     tombstones, delete log and the entity tables known so far); may be ignored by databases
   *     whose privileges are granted per schema
   * @return the problems; empty when all is well
   * @throws SQLException when the checks themselves fail
   */
  List<Problem> problems(Connection connection, DestinationConfig config, List<TableName> tables)
      throws SQLException;

  /**
   * Creates the schema the tables go into ({@link SqlDialect#schema}) when it does not exist. Does
   * nothing for databases without schemas.
   *
   * @throws SQLException when it cannot (usually a missing privilege)
   */
  void createSchemaIfMissing(Connection connection, DestinationConfig config) throws SQLException;
}
