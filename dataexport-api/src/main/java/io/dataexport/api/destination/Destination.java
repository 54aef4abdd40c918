package io.dataexport.api.destination;

import io.dataexport.api.error.Problem;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import java.time.Instant;
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

  @Override
  void close();
}
