package io.dataexport.emulator.http.records;

import io.dataexport.emulator.http.ODataException;
import io.dataexport.emulator.metadata.EntityDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes a read returns, resolved from {@code $select} (which names lookups as {@code
 * _x_value}, as Dataverse requires). The primary id is always returned.
 *
 * @param indexes attribute positions in output order
 * @param selectText the {@code $select} text to repeat in links and the context URL, or null
 */
record SelectedAttributes(int[] indexes, String selectText) {

  static SelectedAttributes resolve(EntityDefinition entity, List<String> select) {
    List<Integer> chosen = new ArrayList<>();
    if (select.isEmpty()) {
      for (int i = 0; i < entity.attributes().size(); i++) {
        chosen.add(i);
      }
      return new SelectedAttributes(toArray(chosen), null);
    }
    for (String name : select) {
      int index = entity.indexOfJsonName(name);
      if (index < 0) {
        throw ODataException.badRequest(
            "Could not find a property named '"
                + name
                + "' on type 'Microsoft.Dynamics.CRM."
                + entity.logicalName()
                + "'."
                + hint(entity, name));
      }
      if (!chosen.contains(index)) {
        chosen.add(index);
      }
    }
    if (!chosen.contains(entity.primaryIdIndex())) {
      chosen.add(entity.primaryIdIndex());
    }
    return new SelectedAttributes(toArray(chosen), String.join(",", select));
  }

  private static String hint(EntityDefinition entity, String name) {
    return entity
        .attribute(name)
        .filter(a -> a.kind().isReference())
        .map(a -> " Select lookups by their value property, '" + a.jsonName() + "'.")
        .orElse("");
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
