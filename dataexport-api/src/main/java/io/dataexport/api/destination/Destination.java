package io.dataexport.api.destination;

import io.dataexport.api.error.Problem;
import io.dataexport.api.notification.SyncNotification;
import io.dataexport.api.schema.EntitySchema;
import java.time.Instant;
import java.util.List;

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
   * is equal to or newer than the row's (setting {@code SinkModifiedOn}); a delete removes the row
   * when its version is not older, and remembers it, so no older upsert brings it back. Several
   * notifications of one record are applied in list order.
   *
   * @throws io.dataexport.api.error.RetriableException on a transient failure (nothing committed)
   * @throws io.dataexport.api.error.PermanentException when the batch cannot be applied as it is
   *     (split it to find the record)
   */
  void apply(EntitySchema entity, List<SyncNotification> batch);

  /**
   * Deletes the entity's rows not written since {@code writtenBefore}: after a full re-export, the
   * rows the source no longer has.
   *
   * @return how many rows were deleted
   */
  long sweep(EntitySchema entity, Instant writtenBefore);

  @Override
  void close();
}
