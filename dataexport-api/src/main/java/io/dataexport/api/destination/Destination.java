package io.dataexport.api.destination;

import io.dataexport.api.error.Problem;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The customer's database, holding the DES-compatible tables of one profile. Thread-safe: writers
 * of several entities share it.
 */
public interface Destination extends AutoCloseable {

  /**
   * Checks everything activation needs: reachable, credentials accepted, the schema exists or can
   * be created, the privileges the service needs are held.
   *
   * @return the problems, each naming the profile field and the fix; empty when all is well
   */
  List<Problem> validate();

  /**
   * Creates what is missing and evolves what exists: one table per entity (intersect entities
   * included), new columns for new attributes, wider columns for longer strings, never dropping
   * anything; the metadata tables (option sets, states, statuses, targets, attributes) rewritten
   * for these entities; the delete log when asked. Idempotent.
   *
   * @throws io.dataexport.api.error.RetriableException when the database is unavailable now
   * @throws io.dataexport.api.error.ConfigurationException when a privilege is missing
   */
  void prepare(List<EntitySchema> entities, boolean writeDeleteLog);

  /**
   * Applies notifications of one entity in one transaction. An upsert is written when its version
   * is equal to or newer than the row's (setting {@code SinkModifiedOn}) and newer than the
   * record's tombstone; a delete removes the row when its version is not older, and leaves a
   * tombstone at its version, so no upsert of that version or older brings it back (a delete wins a
   * tie: a deletion carries the highest version its reader had seen, which may be the version of
   * the record's own last upsert). Several notifications of one record are applied in list order.
   *
   * @return the deletes the version guard refused (the row is newer than the delete)
   * @throws io.dataexport.api.error.UnavailableException when the database cannot be reached,
   *     refuses the connection or can write nothing (disk full); nothing committed, and no record
   *     to blame
   * @throws io.dataexport.api.error.RetriableException on another transient failure (a lock or
   *     statement timeout, a deadlock; nothing committed)
   * @throws io.dataexport.api.error.ConfigurationException when the destination is set up wrongly
   *     (a table or privilege missing)
   * @throws io.dataexport.api.error.PermanentException when the batch cannot be applied as it is
   *     (split it to find the record)
   */
  ApplyResult apply(EntitySchema entity, List<SyncNotification> batch);

  /**
   * Ends a full read of an entity: deletes its rows not written since {@code writtenBefore} (the
   * read's start), except those of the records in {@code keep}, as deletes at each row's own
   * version — with their tombstones and, when the profile keeps one, delete-log rows.
   *
   * @param keep records whose notification of the read has not applied (parked or failed): their
   *     rows are not known to be gone
   * @return how many rows were deleted
   * @throws io.dataexport.api.error.RetriableException when the database is unavailable now
   */
  long sweep(EntitySchema entity, Instant writtenBefore, Set<UUID> keep);

  /**
   * Uninstalling (SPEC §11): drops, in this destination, exactly the tables the service created for
   * the profile, and nothing else. Only names the service's own naming produces for this
   * destination's configuration (its schema and table prefix, as {@link #prepare} used them) are
   * considered; each is dropped only if it exists; every other table of the schema stays untouched,
   * whatever its name (e.g. {@code account_backup} next to {@code account}). Idempotent: a call
   * after a failure, or a second call, drops what is left.
   *
   * <ul>
   *   <li>the table of each entity in {@code entities} (intersect entities included);
   *   <li>the shared tables: the metadata tables (option sets, states, statuses, targets,
   *       attributes), the DeleteLog and the service's tombstones.
   * </ul>
   *
   * <p>Shared tables: two profiles writing into the same schema with the same table prefix (or both
   * without one) share them, and the destination cannot tell which profile wrote a row; it can tell
   * which entity did (every shared table has an {@code EntityName} column). So: when no shared
   * table holds a row of an entity outside {@code entities}, they are all dropped; otherwise they
   * all stay, and only the rows of {@code entities} are deleted from them. An entity the profile
   * exported once and no longer lists counts as another's, so its rows (and its table) keep the
   * shared tables; profiles with different schemas or prefixes share nothing. Two profiles
   * exporting the same entity into the same table cannot be told apart: the table is dropped.
   *
   * <p>Schemas and databases the service created stay, as do its objects outside the schema (none
   * persist: temporary staging tables end with their session). Call it when nothing writes to the
   * destination for this profile (its runtime stopped); {@link #prepare} would create the tables
   * again.
   *
   * @param entities the logical names of the profile's exported tables: its entities and the
   *     intersect entities of its relationships (the source names them, see {@code
   *     ChangeSource.relationship})
   * @return the tables dropped and the shared tables kept
   * @throws io.dataexport.api.error.UnavailableException when the database cannot be reached
   * @throws io.dataexport.api.error.ConfigurationException when the configuration is invalid, an
   *     entity name is not a logical name, or the user may not drop a table
   */
  DroppedTables dropTables(Collection<String> entities);

  @Override
  void close();
}
