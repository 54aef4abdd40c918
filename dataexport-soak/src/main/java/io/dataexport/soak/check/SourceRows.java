package io.dataexport.soak.check;

import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.OrganisationStore;
import io.dataexport.emulator.store.StoredRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The truth: an entity's live records in the emulator's store, id to values in normal form. */
final class SourceRows {
  private static final int PAGE = 5000;

  private SourceRows() {}

  /** Reads every live record; call when the workload has stopped, the scan is not a snapshot. */
  static Map<String, List<String>> read(OrganisationStore store, EntityColumns columns) {
    EntityTable table = store.table(columns.entity().logicalName());
    Map<String, List<String>> rows = new HashMap<>();
    for (long position = 0; position >= 0; ) {
      EntityTable.Page page = table.scan(position, PAGE);
      for (StoredRecord record : page.records()) {
        rows.put(NormalForm.id(record.id()), columns.values(record));
      }
      position = page.next();
    }
    return rows;
  }
}
