package io.dataexport.jdbc;

import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.schema.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of a destination configuration that need no connection, as {@link
 * JdbcDestinationProvider#check} answers them: the rules every SQL destination shares (a URL given;
 * a schema of letters, digits and underscores; a table prefix of letters and digits, shorter than
 * 15) and then the dialect's own ({@link SqlDialect#validate}).
 *
 * <p>The prefix has no underscore because table names join it with one ({@code <prefix>_<name>}):
 * with underscores, two profiles' prefixes and entity names could build the same table name.
 */
final class DestinationConfigCheck {
  static final int MAX_PREFIX_LENGTH = 14;

  private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private DestinationConfigCheck() {}

  /**
   * @param example the type's example, whose URL the messages show
   */
  static List<Problem> problems(
      DestinationConfig config, SqlDialect dialect, DestinationConfig example) {
    List<Problem> problems = new ArrayList<>();
    if (config.jdbcUrl() == null || config.jdbcUrl().isBlank()) {
      problems.add(
          new Problem(
              "destination.jdbcUrl",
              null,
              "is required for a "
                  + dialect.type()
                  + " destination: give its JDBC URL, e.g. "
                  + example.jdbcUrl()
                  + "."));
    }
    String schema = config.schema();
    if (schema != null && !schema.isEmpty() && !SCHEMA_NAME.matcher(schema).matches()) {
      problems.add(
          new Problem(
              "destination.schema",
              schema,
              "must be letters, digits and underscores, starting with a letter or underscore"
                  + " (e.g. crm_export); leave it out for the database's default."));
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
                  + " characters (tables are named <prefix>_<entity>), e.g. crm; leave it out"
                  + " for none."));
    }
    problems.addAll(dialect.validate(config));
    return problems;
  }
}
