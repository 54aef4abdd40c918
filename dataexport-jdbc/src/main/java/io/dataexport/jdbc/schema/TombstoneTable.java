package io.dataexport.jdbc.schema;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.util.List;

/**
 * The service's own memory of deleted records, {@code <prefix>_dataexport_tombstones}: per (entity,
 * record) the newest deleted version. An upsert older than the tombstone is skipped, so a late
 * update never resurrects a deleted record even though its row is gone; an upsert at or above it
 * (the record was re-created) is written and removes the tombstone. Tombstones are kept
 * indefinitely: they are small and the service cannot know how late an old notification may come.
 */
public final class TombstoneTable {
  public static final String ENTITY_NAME = "EntityName";
  public static final String RECORD_ID = "RecordId";
  public static final String VERSION = "VersionNumber";
  public static final String DELETED_AT = "DeletedAt";

  private TombstoneTable() {}

  public static TableDefinition definition(DesTableNames names) {
    return new TableDefinition(
        names.tombstones(),
        List.of(
            ColumnDefinition.text(ENTITY_NAME, AttributeColumns.ENTITY_NAME_LENGTH).required(),
            ColumnDefinition.of(RECORD_ID, ColumnKind.GUID).required(),
            ColumnDefinition.of(VERSION, ColumnKind.BIGINT).required(),
            ColumnDefinition.of(DELETED_AT, ColumnKind.TIMESTAMP).required()),
        List.of(ENTITY_NAME, RECORD_ID));
  }
}
