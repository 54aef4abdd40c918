package io.dataexport.jdbc.schema;

import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import java.util.List;

/**
 * DES's {@code DeleteLog}, written when the profile asks for it: one row per applied delete (a
 * replayed or outdated delete adds none). {@code Id} is generated and keeps growing.
 */
public final class DeleteLogTable {
  public static final String ENTITY_NAME = "EntityName";
  public static final String RECORD_ID = "RecordId";
  public static final String DELETE_TIME = "SinkDeleteTime";
  public static final String VERSION = "VersionNumber";

  private DeleteLogTable() {}

  public static TableDefinition definition(DesTableNames names) {
    return new TableDefinition(
        names.deleteLog(),
        List.of(
            ColumnDefinition.of("Id", ColumnKind.IDENTITY),
            ColumnDefinition.text(ENTITY_NAME, AttributeColumns.ENTITY_NAME_LENGTH).required(),
            ColumnDefinition.of(RECORD_ID, ColumnKind.GUID).required(),
            ColumnDefinition.of(DELETE_TIME, ColumnKind.TIMESTAMP).required(),
            ColumnDefinition.of(VERSION, ColumnKind.BIGINT).required()),
        List.of());
  }
}
