package io.dataexport.jdbc.dialect.sqlite;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The file an SQLite JDBC URL names: {@code jdbc:sqlite:<path>}, optionally {@code file:<path>} and
 * {@code ?<pragmas>}. In-memory databases have none.
 */
record SqliteDatabaseFile(String url) {
  static final String URL_PREFIX = "jdbc:sqlite:";

  /** The database file, absolute; empty for in-memory databases. */
  Optional<Path> path() {
    String rest = url.substring(URL_PREFIX.length());
    String lower = rest.toLowerCase(Locale.ROOT);
    if (rest.isEmpty() || lower.startsWith(":memory:") || lower.contains("mode=memory")) {
      return Optional.empty();
    }
    if (lower.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.isEmpty() || rest.equals(":memory:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(rest).toAbsolutePath().normalize());
  }

  /** Whether the URL sets a pragma itself ({@code ?busy_timeout=100}); the URL then wins. */
  boolean setsPragma(String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return false;
    }
    for (String parameter : url.substring(query + 1).split("&")) {
      if (parameter.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }
}
