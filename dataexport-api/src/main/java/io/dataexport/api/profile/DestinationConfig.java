package io.dataexport.api.profile;

/**
 * Where records go.
 *
 * @param type the type of an installed {@link io.dataexport.api.destination.DestinationProvider},
 *     e.g. {@code sqlite}
 * @param jdbcUrl the JDBC URL
 * @param username user name, or null when the URL or driver needs none
 * @param password password, or null
 * @param schema the schema to create tables in, or null for the dialect's default
 * @param tablePrefix prefix of every table name (joined with {@code _}), or null for none
 */
public record DestinationConfig(
    String type,
    String jdbcUrl,
    String username,
    Secret password,
    String schema,
    String tablePrefix) {

  /**
   * This configuration with each setting it leaves out (null) taken from {@code defaults}, e.g. a
   * type's default configuration.
   */
  public DestinationConfig orElse(DestinationConfig defaults) {
    return new DestinationConfig(
        type != null ? type : defaults.type(),
        jdbcUrl != null ? jdbcUrl : defaults.jdbcUrl(),
        username != null ? username : defaults.username(),
        password != null ? password : defaults.password(),
        schema != null ? schema : defaults.schema(),
        tablePrefix != null ? tablePrefix : defaults.tablePrefix());
  }

  /** The table name for an entity or metadata table: {@code <prefix>_<name>}, or the name alone. */
  public String tableName(String name) {
    return tablePrefix == null || tablePrefix.isEmpty() ? name : tablePrefix + "_" + name;
  }
}
