package io.dataexport.bench.data;

import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.source.ChangeCursor;
import io.dataexport.api.source.ChangePage;
import io.dataexport.api.source.SourceChange;
import io.dataexport.dataverse.DataverseChangeSource;
import io.dataexport.emulator.DataverseEmulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic CRM rows for the writer benchmarks: the emulator's {@code account} (about 40 columns,
 * about 1 KB a row) as the Dataverse source reads and describes it, turned into as many sync
 * notifications as asked by cycling through one page of real payloads under fresh record ids.
 */
public final class AccountRows {
  /** Distinct payloads to cycle through: one page of the source. */
  private static final int TEMPLATES = 5000;

  private final EntitySchema schema;
  private final List<Map<String, Object>> payloads;
  private final long idHigh;

  private AccountRows(EntitySchema schema, List<Map<String, Object>> payloads, long idHigh) {
    this.schema = schema;
    this.payloads = List.copyOf(payloads);
    this.idHigh = idHigh;
  }

  /** Reads the schema and one page of accounts from a fresh emulator, which it stops again. */
  public static AccountRows fromEmulator(long idHigh) {
    try (DataverseEmulator emulator = EmulatorSource.start(TEMPLATES);
        DataverseChangeSource source = EmulatorSource.open(emulator)) {
      EntitySchema schema = source.describe("account");
      ChangePage page = source.read(schema, ChangeCursor.start());
      List<Map<String, Object>> payloads = new ArrayList<>();
      for (SourceChange change : page.changes()) {
        payloads.add(change.payload());
      }
      return new AccountRows(schema, payloads, idHigh);
    }
  }

  /**
   * The id of record {@code i}: scattered like the GUIDs of a real organisation, so the primary key
   * index is written at random places, not only at its end.
   */
  public UUID id(long i) {
    return new UUID(mix(idHigh ^ i), mix(i * 0x9E3779B97F4A7C15L + idHigh));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public EntitySchema schema() {
    return schema;
  }

  /**
   * Upserts of records {@code from} to {@code from + count - 1}: record {@code i} always has the
   * same id, and version {@code versionBase + i}.
   */
  public List<SyncNotification> upserts(long from, int count, long versionBase) {
    Instant now = Instant.now();
    List<SyncNotification> batch = new ArrayList<>(count);
    for (long i = from; i < from + count; i++) {
      batch.add(
          new SyncNotification(
              "bench",
              schema.logicalName(),
              id(i),
              Operation.UPSERT,
              versionBase + i,
              now,
              payloads.get((int) (i % payloads.size()))));
    }
    return batch;
  }
}
