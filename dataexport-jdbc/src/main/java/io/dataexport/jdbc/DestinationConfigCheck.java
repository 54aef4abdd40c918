package io.dataexport.jdbc;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.schema.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a destination configuration that need no connection: the general rules (URL given,
 * schema and table prefix alphanumeric, prefix shorter than 15) and the dialect's own.
 */
final class DestinationConfigCheck {
  static final int MAX_PREFIX_LENGTH = 14;

  private DestinationConfigCheck() {}

  static List<Problem> problems(DestinationConfig config, SqlDialect dialect) {
    List<Problem> problems = new ArrayList<>();
    if (config.jdbcUrl() == null || config.jdbcUrl().isBlank()) {
      problems.add(
          new Problem(
              "destination.jdbcUrl",
              null,
              "a JDBC URL is required, e.g. jdbc:sqlite:./data/export.sqlite"));
    }
    String schema = config.schema();
    if (schema != null && !schema.isEmpty() && !Identifiers.isAlphanumeric(schema)) {
      problems.add(
          new Problem(
              "destination.schema",
              schema,
              "must be letters and digits only; leave it empty for the database's default"));
    }
    String prefix = config.tablePrefix();
    if (prefix != null
        && !prefix.isEmpty()
        && (!Identifiers.isAlphanumeric(prefix) || prefix.length() > MAX_PREFIX_LENGTH)) {
      problems.add(
          new Problem(
              "destination.tablePrefix",
              prefix,
              "must be letters and digits only, at most "
                  + MAX_PREFIX_LENGTH
                  + " characters (tables are named <prefix>_<entity>); leave it empty for none"));
    }
    problems.addAll(dialect.validate(config));
    return problems;
  }
}
