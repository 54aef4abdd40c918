package io.dataexport.jdbc.dialect.sqlserver;

import io.dataexport.api.error.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What SQL Server permissions the service lacks and the statements that grant them: {@code CREATE
 * TABLE} in the database (even a schema's owner needs it), {@code CREATE SCHEMA} when the schema is
 * missing, and {@code ALTER, SELECT, INSERT, UPDATE, DELETE} on the schema.
 *
 * @param user the database user ({@code USER_NAME()})
 * @param schema the schema the tables go into
 * @param schemaExists whether it exists
 * @param held the permissions {@code HAS_PERMS_BY_NAME} confirmed, by the names used here
 * @param readOnly whether the database is read-only
 */
record SqlServerPrivileges(
    String user, String schema, boolean schemaExists, Set<String> held, boolean readOnly) {
  static final String CREATE_TABLE = "CREATE TABLE";
  static final String CREATE_SCHEMA = "CREATE SCHEMA";
  static final List<String> ON_SCHEMA = List.of("ALTER", "SELECT", "INSERT", "UPDATE", "DELETE");

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    String who = bracket(user);
    if (readOnly) {
      problems.add(
          new Problem(
              "destination.jdbcUrl",
              null,
              "the database is read-only (or a readable secondary). Point destination.jdbcUrl at"
                  + " the primary"));
    }
    if (!held.contains(CREATE_TABLE)) {
      problems.add(
          problem(
              "user "
                  + who
                  + " lacks CREATE TABLE in the database (the service creates its tables). Grant"
                  + " it: GRANT CREATE TABLE TO "
                  + who
                  + ";"));
    }
    if (!schemaExists) {
      if (!held.contains(CREATE_SCHEMA)) {
        problems.add(
            problem(
                "the schema "
                    + bracket(schema)
                    + " does not exist and user "
                    + who
                    + " may not create it. Create it for the user: CREATE SCHEMA "
                    + bracket(schema)
                    + " AUTHORIZATION "
                    + who
                    + "; or grant: GRANT CREATE SCHEMA TO "
                    + who
                    + ";"));
      }
      return problems; // a schema the user creates is the user's
    }
    Set<String> missing = new LinkedHashSet<>(ON_SCHEMA);
    missing.removeAll(held);
    if (!missing.isEmpty()) {
      problems.add(
          problem(
              "user "
                  + who
                  + " lacks "
                  + String.join(", ", missing)
                  + " on schema "
                  + bracket(schema)
                  + " (the service alters its tables as the source evolves, and writes and reads"
                  + " them). Grant them: GRANT "
                  + String.join(", ", ON_SCHEMA)
                  + " ON SCHEMA::"
                  + bracket(schema)
                  + " TO "
                  + who
                  + ";"));
    }
    return problems;
  }

  private Problem problem(String message) {
    return new Problem("destination.schema", schema, message);
  }

  private static String bracket(String identifier) {
    return '[' + identifier.replace("]", "]]") + ']';
  }
}
