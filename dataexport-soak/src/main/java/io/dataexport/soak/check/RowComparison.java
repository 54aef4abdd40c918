package io.dataexport.soak.check;

import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.soak.db.RoundSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Check 1: the destination equals the source row by row for every entity — the same ids, the same
 * {@code versionnumber} and the same attribute values, the emulator's store being the truth.
 */
public final class RowComparison {
  private static final int EXAMPLES = 3;

  private RowComparison() {}

  /**
   * Compares every entity's table with the source. Call when the workload has stopped.
   *
   * @throws SQLException when PostgreSQL cannot be reached at all
   */
  public static List<EntityComparison> compare(
      OrganisationStore store, RoundSchema schema, List<String> entities) throws SQLException {
    List<EntityComparison> comparisons = new ArrayList<>();
    try (Connection connection = schema.connect()) {
      for (String entity : entities) {
        EntityDefinition definition =
            store
                .metadata()
                .entity(entity)
                .orElseThrow(() -> new IllegalArgumentException("unknown entity " + entity));
        EntityColumns columns = EntityColumns.of(definition);
        Map<String, List<String>> source = SourceRows.read(store, columns);
        Map<String, List<String>> destination;
        try {
          destination = DestinationRows.read(connection, schema, columns);
        } catch (SQLException e) {
          if (!connection.isValid(5)) {
            throw e;
          }
          comparisons.add(EntityComparison.unreadable(entity, source.size(), e.getMessage()));
          continue;
        }
        comparisons.add(compare(entity, columns, source, destination));
      }
    }
    return comparisons;
  }

  static EntityComparison compare(
      String entity,
      EntityColumns columns,
      Map<String, List<String>> source,
      Map<String, List<String>> destination) {
    List<String> missing = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    long missingCount = 0;
    long differingCount = 0;
    long extraCount = 0;
    for (var row : source.entrySet()) {
      List<String> written = destination.get(row.getKey());
      if (written == null) {
        missingCount++;
        if (missing.size() < EXAMPLES) {
          missing.add("missing " + row.getKey());
        }
      } else if (!written.equals(row.getValue())) {
        differingCount++;
        if (differing.size() < EXAMPLES) {
          differing.add(firstDifference(row.getKey(), columns, row.getValue(), written));
        }
      }
    }
    for (String id : destination.keySet()) {
      if (!source.containsKey(id)) {
        extraCount++;
        if (extra.size() < EXAMPLES) {
          extra.add("extra " + id);
        }
      }
    }
    List<String> examples = new ArrayList<>(extra);
    examples.addAll(missing);
    examples.addAll(differing);
    return new EntityComparison(
        entity,
        source.size() + extraCount,
        missingCount,
        extraCount,
        differingCount,
        examples,
        null);
  }

  private static String firstDifference(
      String id, EntityColumns columns, List<String> source, List<String> destination) {
    for (int c = 0; c < source.size(); c++) {
      if (!Objects.equals(source.get(c), destination.get(c))) {
        return "differing "
            + id
            + " ("
            + columns.names().get(c)
            + ": source "
            + source.get(c)
            + ", destination "
            + destination.get(c)
            + ")";
      }
    }
    return "differing " + id;
  }
}
