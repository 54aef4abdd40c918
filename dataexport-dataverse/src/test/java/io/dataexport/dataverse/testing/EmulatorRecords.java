package io.dataexport.dataverse.testing;

import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the emulator holds, read in-process, to compare what the source read against. */
public final class EmulatorRecords {
  private EmulatorRecords() {}

  /** Every live record of an entity. */
  public static List<StoredRecord> live(DataverseEmulator emulator, String entity) {
    EntityTable table = emulator.store().table(entity);
    List<StoredRecord> records = new ArrayList<>();
    for (long position = 0; position >= 0; ) {
      EntityTable.Page page = table.scan(position, 1000);
      records.addAll(page.records());
      position = page.next();
    }
    return records;
  }

  /** The version of every live record of an entity, by id. */
  public static Map<UUID, Long> liveVersions(DataverseEmulator emulator, String entity) {
    Map<UUID, Long> versions = new HashMap<>();
    live(emulator, entity).forEach(r -> versions.put(r.id(), r.version()));
    return versions;
  }
}
