package io.dataexport.jdbc.write;

import io.dataexport.api.destination.RefusedDelete;
import io.dataexport.api.error.PermanentException;
import io.dataexport.api.notification.Operation;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.AttributeSchema;
import io.dataexport.jdbc.dialect.BulkUpsert;
import io.dataexport.jdbc.dialect.SqlDialect;
import io.dataexport.jdbc.schema.DesTableNames;
import io.dataexport.jdbc.schema.EntityColumn;
import io.dataexport.jdbc.schema.EntityTable;
import io.dataexport.jdbc.type.ColumnDefinition;
import io.dataexport.jdbc.type.ColumnKind;
import io.dataexport.jdbc.write.BatchStatements.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one entity's batch on a connection whose transaction the caller owns: version-guarded
 * upserts, guarded deletes, tombstones and the delete log, as JDBC batches of reused statements.
 *
 * <ol>
 *   <li>The tombstones of the batch's records are read once.
 *   <li>The {@link ChangePlan} rounds run in order. An upsert at or below its record's tombstone is
 *       skipped (a delete wins a tie: a deletion carries the highest version its reader had seen,
 *       which may be the version of the record's own last upsert, and a late try of that upsert
 *       must not bring the row back); one above it is written and removes the tombstone. A round's
 *       upserts go through the dialect's {@link BulkUpsert} when it has one and the round is large
 *       enough (an initial sync's batches), else, or when the bulk path declines them, into the
 *       batched upsert. Payloads are converted as the rows are sent ({@link ConvertedRows}), so
 *       conversion overlaps the database's work; a bad value throws {@link PermanentException}
 *       naming the record and attribute, and the caller rolls back whatever was sent. A delete
 *       removes the row when the row is not newer, and, unless a tombstone as new exists already (a
 *       replay), records its tombstone and its delete log row. A delete that leaves its row in
 *       place (the row is newer) is returned as a {@link RefusedDelete}, so it is never silent.
 * </ol>
 */
public final class EntityBatchWriter {
  private final SqlDialect dialect;
  private final WriteStatements sql;
  private final Tombstones tombstones;
  private final StaleRows staleRows;
  private final Optional<BulkUpsert> bulk;

  public EntityBatchWriter(SqlDialect dialect, DesTableNames names) {
    this.dialect = dialect;
    this.bulk = dialect.bulkUpsert();
    this.sql = new WriteStatements(dialect, names.deleteLog(), names.tombstones());
    this.tombstones = new Tombstones(dialect, sql);
    this.staleRows = new StaleRows(dialect, sql);
  }

  /** Pages through the rows a sweep considers, on the same statements as the writer. */
  public StaleRows staleRows() {
    return staleRows;
  }

  /**
   * Writes the batch. Commits nothing: the caller commits or rolls back.
   *
   * @param deleteLog whether applied deletes are written to the delete log
   * @param now the write time ({@code SinkCreatedOn}, {@code SinkModifiedOn}, delete times)
   * @return the deletes the version guard refused
   * @throws PermanentException when a notification is of another entity or a value does not fit
   * @throws SQLException as the driver throws it
   */
  public List<RefusedDelete> write(
      Connection connection,
      EntityTable table,
      List<SyncNotification> batch,
      boolean deleteLog,
      Instant now)
      throws SQLException {
    String entity = table.entity().logicalName();
    List<List<SyncNotification>> rounds = ChangePlan.rounds(batch);
    Set<UUID> recordIds = new LinkedHashSet<>();
    for (List<SyncNotification> round : rounds) {
      for (SyncNotification change : round) {
        if (!change.entity().equals(entity)) {
          throw new PermanentException(
              "A notification of "
                  + change.entity()
                  + " (record "
                  + change.recordId()
                  + ") is in a batch of "
                  + entity
                  + "; a batch holds the notifications of one entity",
              null);
        }
        recordIds.add(change.recordId());
      }
    }
    Map<UUID, Long> deleted = new HashMap<>(tombstones.load(connection, entity, recordIds));
    List<RefusedDelete> refused = new ArrayList<>();
    try (BatchStatements statements = new BatchStatements(connection, statements(table))) {
      for (List<SyncNotification> round : rounds) {
        List<SyncNotification> upserts = new ArrayList<>(round.size());
        Map<UUID, Long> rowDeletes = new HashMap<>();
        for (SyncNotification change : round) {
          UUID id = change.recordId();
          long version = change.version();
          Long tombstone = deleted.get(id);
          if (change.operation() == Operation.UPSERT) {
            if (tombstone != null && tombstone >= version) {
              continue; // deleted at or after this version: never resurrect
            }
            upserts.add(change);
            if (tombstone != null) {
              statements.add(
                  Kind.TOMBSTONE_REMOVE,
                  chain(ColumnKind.TEXT, entity)
                      .then(ColumnKind.GUID, id)
                      .then(ColumnKind.BIGINT, version));
              deleted.remove(id);
            }
          } else {
            boolean replayed = tombstone != null && tombstone >= version;
            if (deleteLog && !replayed) {
              statements.add(
                  Kind.DELETE_LOG,
                  chain(ColumnKind.TEXT, entity)
                      .then(ColumnKind.GUID, id)
                      .then(ColumnKind.TIMESTAMP, now)
                      .then(ColumnKind.BIGINT, version));
            }
            statements.add(
                Kind.ROW_DELETE, chain(ColumnKind.GUID, id).then(ColumnKind.BIGINT, version));
            rowDeletes.put(id, version);
            if (!replayed) {
              statements.add(
                  Kind.TOMBSTONE_UPSERT,
                  chain(ColumnKind.TEXT, entity)
                      .then(ColumnKind.GUID, id)
                      .then(ColumnKind.BIGINT, version)
                      .then(ColumnKind.TIMESTAMP, now));
              deleted.put(id, version);
            }
          }
        }
        upsert(
            connection,
            statements,
            table,
            new ConvertedRows(upserts, change -> row(table, change, now)));
        statements.executeInOrder();
        if (!rowDeletes.isEmpty()) {
          refused.addAll(survivors(connection, table, rowDeletes));
        }
      }
    }
    return refused;
  }

  /**
   * The rows a round's deletes left in place: a row still there after its delete ran is newer than
   * the delete (a round holds one change per record, so nothing of the round wrote it again).
   */
  private List<RefusedDelete> survivors(
      Connection connection, EntityTable table, Map<UUID, Long> deletes) throws SQLException {
    List<RefusedDelete> refused = new ArrayList<>();
    List<UUID> ids = List.copyOf(deletes.keySet());
    for (int from = 0; from < ids.size(); from += Tombstones.IDS_PER_QUERY) {
      List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + Tombstones.IDS_PER_QUERY));
      try (PreparedStatement select =
          connection.prepareStatement(sql.rowVersions(table, chunk.size()))) {
        for (int i = 0; i < chunk.size(); i++) {
          dialect.columnType(ColumnKind.GUID).bind(select, i + 1, chunk.get(i));
        }
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            UUID id = UUID.fromString(rs.getString(1));
            refused.add(new RefusedDelete(id, deletes.get(id), rs.getLong(2)));
          }
        }
      }
    }
    return refused;
  }

  /**
   * Writes a round's upserts before the round's other statements run ({@link Kind#UPSERT} comes
   * first): through the dialect's bulk path when the round is large enough and the bulk path takes
   * it, else batched.
   */
  private void upsert(
      Connection connection, BatchStatements statements, EntityTable table, List<Object[]> rows)
      throws SQLException {
    if (bulk.isPresent()
        && rows.size() >= bulk.get().minimumRows()
        && bulk.get().upsert(connection, table.upsert(), definitions(table), rows)) {
      return;
    }
    for (Object[] row : rows) {
      statements.add(Kind.UPSERT, s -> bindRow(s, table, row));
    }
  }

  private static List<ColumnDefinition> definitions(EntityTable table) {
    return table.columns().stream().map(EntityColumn::definition).toList();
  }

  private Map<Kind, String> statements(EntityTable table) {
    Map<Kind, String> statements = new EnumMap<>(Kind.class);
    statements.put(Kind.UPSERT, sql.upsert(table));
    statements.put(Kind.TOMBSTONE_REMOVE, sql.tombstoneRemove());
    statements.put(Kind.DELETE_LOG, sql.deleteLogInsert());
    statements.put(Kind.ROW_DELETE, sql.rowDelete(table));
    statements.put(Kind.TOMBSTONE_UPSERT, sql.tombstoneUpsert());
    return statements;
  }

  /**
   * The row of an upsert, in column order. An attribute's columns are adjacent (a lookup's id and
   * entity type), so each attribute is converted once, for its first column.
   */
  private Object[] row(EntityTable table, SyncNotification change, Instant now) {
    List<EntityColumn> columns = table.columns();
    Object[] row = new Object[columns.size()];
    AttributeSchema converted = null;
    Object value = null;
    for (int i = 0; i < row.length; i++) {
      EntityColumn column = columns.get(i);
      AttributeSchema attribute = column.attribute();
      if (attribute != null && attribute != converted) {
        value = convert(change, attribute);
        converted = attribute;
      }
      row[i] =
          switch (column.source()) {
            case RECORD_ID -> change.recordId();
            case ATTRIBUTE -> value;
            case LOOKUP_ID -> value == null ? null : ((LookupValue) value).id();
            case LOOKUP_ENTITY_TYPE -> value == null ? null : ((LookupValue) value).entityType();
            case VERSION -> change.version();
            case WRITE_TIME -> now;
          };
    }
    return row;
  }

  private static Object convert(SyncNotification change, AttributeSchema attribute) {
    try {
      return AttributeValues.convert(attribute, change.payload().get(attribute.logicalName()));
    } catch (ValueRejectedException e) {
      throw new PermanentException(
          "Cannot write "
              + change.entity()
              + " record "
              + change.recordId()
              + " (version "
              + change.version()
              + "): attribute '"
              + attribute.logicalName()
              + "' ("
              + attribute.type()
              + ") "
              + e.getMessage()
              + ". Nothing of the batch is committed; the record cannot be applied as it is.",
          e);
    }
  }

  private void bindRow(PreparedStatement statement, EntityTable table, Object[] row)
      throws SQLException {
    List<EntityColumn> columns = table.columns();
    for (int i = 0; i < row.length; i++) {
      dialect.columnType(columns.get(i).definition().kind()).bind(statement, i + 1, row[i]);
    }
  }

  private Binder.Chain chain(ColumnKind kind, Object value) {
    return new Binder.Chain(dialect).then(kind, value);
  }
}
