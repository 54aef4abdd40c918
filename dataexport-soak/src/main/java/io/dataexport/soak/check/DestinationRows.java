package io.dataexport.soak.check;

import io.dataexport.soak.db.RoundSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An entity's table in the round's schema, id to values in normal form, columns as the source's.
 */
final class DestinationRows {
  private DestinationRows() {}

  /**
   * Reads the whole table.
   *
   * @throws SQLException when the table or one of the columns is missing, or PostgreSQL fails
   */
  static Map<String, List<String>> read(
      Connection connection, RoundSchema schema, EntityColumns columns) throws SQLException {
    List<String> selected = new ArrayList<>();
    selected.add("Id");
    selected.addAll(columns.names());
    String sql =
        "SELECT "
            + selected.stream().map(RoundSchema::quote).collect(Collectors.joining(", "))
            + " FROM "
            + schema.table(columns.entity().logicalName());
    Map<String, List<String>> rows = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        String[] values = new String[columns.names().size()];
        for (int c = 0; c < values.length; c++) {
          values[c] = NormalForm.of(result.getObject(c + 2));
        }
        rows.put(NormalForm.id(result.getObject(1)), Arrays.asList(values));
      }
    }
    return rows;
  }
}
