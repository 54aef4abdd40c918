package io.dataexport.soak.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The record ids the harness has seen in the destination's entity tables during a round: the union
 * of snapshots taken at random moments (before every kill, deactivation and resync). Every one of
 * them that the source has deleted by the end of the round must be in the DeleteLog.
 */
public final class IdSnapshots {
  private static final String UNDEFINED_TABLE = "42P01";

  private final RoundSchema schema;
  private final Map<String, Set<String>> seen = new LinkedHashMap<>();
  private int taken;

  public IdSnapshots(RoundSchema schema, List<String> entities) {
    this.schema = schema;
    entities.forEach(e -> seen.put(e, new HashSet<>()));
  }

  /**
   * Reads every entity table's ids now; a table not created yet counts as empty.
   *
   * @throws SQLException when the destination cannot be read (e.g. PostgreSQL is restarting)
   */
  public void take() throws SQLException {
    try (Connection connection = schema.connect();
        Statement statement = connection.createStatement()) {
      for (var entry : seen.entrySet()) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT " + RoundSchema.quote("Id") + " FROM " + schema.table(entry.getKey()))) {
          while (rows.next()) {
            entry.getValue().add(rows.getString(1).toLowerCase(Locale.ROOT));
          }
        } catch (SQLException e) {
          if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
            throw e;
          }
        }
      }
    }
    taken++;
  }

  /** The ids seen in one entity's table (lower-case GUIDs). */
  public Set<String> seen(String entity) {
    return seen.get(entity);
  }

  /** How many snapshots were taken. */
  public int taken() {
    return taken;
  }
}
