package io.dataexport.jdbc.dialect.mysql;

/**
 * A MySQL or MariaDB JDBC URL, {@code jdbc:mysql://host:3306/crm?…} or {@code jdbc:mariadb://…}.
 * Both are opened with the MariaDB driver, which speaks to MySQL too.
 */
record MysqlUrl(String url) {
  static final String MYSQL_PREFIX = "jdbc:mysql:";
  static final String MARIADB_PREFIX = "jdbc:mariadb:";

  /** Whether the URL is one of the two forms. */
  boolean isMysqlOrMariadb() {
    return url.startsWith(MYSQL_PREFIX) || url.startsWith(MARIADB_PREFIX);
  }

  /** The URL the MariaDB driver accepts: {@code jdbc:mysql:} becomes {@code jdbc:mariadb:}. */
  String forDriver() {
    return url.startsWith(MYSQL_PREFIX)
        ? MARIADB_PREFIX + url.substring(MYSQL_PREFIX.length())
        : url;
  }

  /** The database the URL names, or null when it names none. */
  String database() {
    int hosts = url.indexOf("//");
    if (hosts < 0) {
      return null;
    }
    int slash = url.indexOf('/', hosts + 2);
    if (slash < 0) {
      return null;
    }
    int end = url.indexOf('?', slash);
    String database = url.substring(slash + 1, end < 0 ? url.length() : end);
    return database.isEmpty() ? null : database;
  }
}
