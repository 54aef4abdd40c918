package io.dataexport.jdbc.write;

import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.dialect.TableName;
import io.dataexport.jdbc.dialect.UpsertStatement;
import io.dataexport.jdbc.schema.DeleteLogTable;
import io.dataexport.jdbc.schema.EntityTable;
import io.dataexport.jdbc.schema.TombstoneTable;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of writing a batch, built from the dialect's pieces (quoting, qualified names, the upsert
 * clause); every value is a parameter. Public so each dialect's tests can read what it will run.
 */
public final class WriteStatements {
  private final SqlDialect dialect;
  private final TableName deleteLog;
  private final TableName tombstones;

  /**
   * @param deleteLog the delete log table
   * @param tombstones the tombstone table
   */
  public WriteStatements(SqlDialect dialect, TableName deleteLog, TableName tombstones) {
    this.dialect = dialect;
    this.deleteLog = deleteLog;
    this.tombstones = tombstones;
  }

  /** The version-guarded upsert of an entity row, binding the table's columns in order. */
  public String upsert(EntityTable table) {
    return dialect.upsert(table.upsert());
  }

  /** Deletes a row unless it is newer than the delete. Binds the id, then the version. */
  public String rowDelete(EntityTable table) {
    String version = q(EntityTable.VERSION);
    return "DELETE FROM "
        + dialect.qualify(table.name())
        + " WHERE "
        + q(EntityTable.ID)
        + " = ? AND ("
        + version
        + " IS NULL OR "
        + version
        + " <= ?)";
  }

  /** The versions of some rows: id, version. Binds {@code ids} record ids. */
  public String rowVersions(EntityTable table, int ids) {
    return idsAndVersionsOf(table) + " WHERE " + q(EntityTable.ID) + " IN " + parameters(ids);
  }

  /**
   * The rows written before a time, in id order: id, version. Binds the time, then, with {@code
   * afterId}, the id to go on after. The caller bounds a page with {@code setMaxRows}.
   */
  public String rowsWrittenBefore(EntityTable table, boolean afterId) {
    return idsAndVersionsOf(table)
        + " WHERE "
        + q(EntityTable.SINK_MODIFIED_ON)
        + " < ?"
        + (afterId ? " AND " + q(EntityTable.ID) + " > ?" : "")
        + " ORDER BY "
        + q(EntityTable.ID);
  }

  /** Logs one applied delete. Binds entity, record, delete time, version. */
  public String deleteLogInsert() {
    return "INSERT INTO "
        + dialect.qualify(deleteLog)
        + " ("
        + List.of(
                DeleteLogTable.ENTITY_NAME,
                DeleteLogTable.RECORD_ID,
                DeleteLogTable.DELETE_TIME,
                DeleteLogTable.VERSION)
            .stream()
            .map(dialect::quote)
            .collect(Collectors.joining(", "))
        + ") VALUES (?, ?, ?, ?)";
  }

  /** Reads the tombstones of some records. Binds the entity, then {@code ids} record ids. */
  public String tombstoneSelect(int ids) {
    return "SELECT "
        + q(TombstoneTable.RECORD_ID)
        + ", "
        + q(TombstoneTable.VERSION)
        + " FROM "
        + dialect.qualify(tombstones)
        + " WHERE "
        + q(TombstoneTable.ENTITY_NAME)
        + " = ? AND "
        + q(TombstoneTable.RECORD_ID)
        + " IN "
        + parameters(ids);
  }

  /** Whether an entity has any tombstone: one row, 1 or 0. Binds the entity. */
  public String tombstoneExists() {
    return "SELECT CASE WHEN EXISTS (SELECT 1 FROM "
        + dialect.qualify(tombstones)
        + " WHERE "
        + q(TombstoneTable.ENTITY_NAME)
        + " = ?) THEN 1 ELSE 0 END";
  }

  /** Removes a record's tombstone when an upsert at or above its version is written. */
  public String tombstoneRemove() {
    return "DELETE FROM "
        + dialect.qualify(tombstones)
        + " WHERE "
        + q(TombstoneTable.ENTITY_NAME)
        + " = ? AND "
        + q(TombstoneTable.RECORD_ID)
        + " = ? AND "
        + q(TombstoneTable.VERSION)
        + " <= ?";
  }

  /** Records a delete, keeping the newest version. Binds entity, record, version, time. */
  public String tombstoneUpsert() {
    return dialect.upsert(
        new UpsertStatement(
            tombstones,
            List.of(
                TombstoneTable.ENTITY_NAME,
                TombstoneTable.RECORD_ID,
                TombstoneTable.VERSION,
                TombstoneTable.DELETED_AT),
            List.of(TombstoneTable.ENTITY_NAME, TombstoneTable.RECORD_ID),
            List.of(),
            TombstoneTable.VERSION));
  }

  /** {@code SELECT Id, versionnumber FROM <table>}, to which a condition is added. */
  private String idsAndVersionsOf(EntityTable table) {
    return "SELECT "
        + q(EntityTable.ID)
        + ", "
        + q(EntityTable.VERSION)
        + " FROM "
        + dialect.qualify(table.name());
  }

  /** {@code (?, ?, …)} with {@code count} parameters. */
  private static String parameters(int count) {
    return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
  }

  private String q(String column) {
    return dialect.quote(column);
  }
}
