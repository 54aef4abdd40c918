package io.dataexport.soak.check;

import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.jdbc.schema.DeleteLogTable;
import io.dataexport.soak.db.IdSnapshots;
import io.dataexport.soak.db.RoundSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Check 2: the DeleteLog holds every delete. A record the harness saw in the destination at some
 * moment of the round (see {@link IdSnapshots}) and that the source no longer has at its end was
 * deleted after it had been exported, so the service must have logged that delete.
 */
public final class DeleteLogCheck {
  private static final int EXAMPLES = 3;

  /**
   * The outcome.
   *
   * @param expected records seen in the destination and deleted in the source
   * @param missing of which the DeleteLog lacks
   * @param examples a few of those, as {@code entity/id}
   */
  public record Result(long expected, long missing, List<String> examples) {
    public Result {
      examples = List.copyOf(examples);
    }

    public boolean ok() {
      return missing == 0;
    }
  }

  private DeleteLogCheck() {}

  /**
   * Checks the DeleteLog against the snapshots. Call when the workload has stopped.
   *
   * @throws SQLException when the DeleteLog cannot be read
   */
  public static Result check(
      OrganisationStore store, RoundSchema schema, IdSnapshots snapshots, List<String> entities)
      throws SQLException {
    Map<String, Set<String>> logged = logged(schema);
    long expected = 0;
    long missing = 0;
    List<String> examples = new ArrayList<>();
    for (String entity : entities) {
      EntityTable table = store.table(entity);
      Set<String> loggedIds = logged.getOrDefault(entity, Set.of());
      for (String id : snapshots.seen(entity)) {
        if (table.get(UUID.fromString(id)).isPresent()) {
          continue;
        }
        expected++;
        if (!loggedIds.contains(id)) {
          missing++;
          if (examples.size() < EXAMPLES) {
            examples.add(entity + "/" + id);
          }
        }
      }
    }
    return new Result(expected, missing, examples);
  }

  private static Map<String, Set<String>> logged(RoundSchema schema) throws SQLException {
    Map<String, Set<String>> logged = new HashMap<>();
    try (Connection connection = schema.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT "
                    + RoundSchema.quote(DeleteLogTable.ENTITY_NAME)
                    + ", "
                    + RoundSchema.quote(DeleteLogTable.RECORD_ID)
                    + " FROM "
                    + schema.deleteLog())) {
      while (rows.next()) {
        logged
            .computeIfAbsent(rows.getString(1), e -> new HashSet<>())
            .add(NormalForm.id(rows.getObject(2)));
      }
    }
    return logged;
  }
}
