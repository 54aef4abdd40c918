package io.dataexport.store.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks at the store's files from outside, as an attacker with the disk or an admin would. */
final class SqliteFiles {
  private SqliteFiles() {}

  /** The bytes of config.sqlite and its journal files, as Latin-1 text for searching. */
  static String rawContent(Path dataDirectory) throws IOException {
    StringBuilder raw = new StringBuilder();
    try (Stream<Path> files = Files.list(dataDirectory)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("config.sqlite")).toList()) {
        raw.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return raw.toString();
  }

  /** The versions Flyway recorded as applied, in order. */
  static List<String> appliedMigrations(Path dataDirectory) {
    String url = "jdbc:sqlite:" + dataDirectory.resolve("config.sqlite");
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
      return versions;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
