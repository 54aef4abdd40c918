package io.dataexport.api.source;

import io.dataexport.api.error.Problem;
import io.dataexport.api.schema.EntitySchema;
import io.dataexport.api.schema.RelationshipSchema;
import io.dataexport.api.schema.SourceCatalog;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A source of record changes with change tracking (Dataverse). One instance serves one profile; it
 * is thread-safe, so the readers of several entities share it.
 *
 * <p>Lifecycle: opened by its {@link ChangeSourceProvider}, used, then {@link #close() closed}.
 */
public interface ChangeSource extends AutoCloseable {

  /**
   * Checks everything activation needs from the source: reachable, credentials accepted, every
   * entity exists and tracks changes, every relationship exists and joins selected entities.
   *
   * @param entities entity logical names, as listed in the profile ({@code entities[i]})
   * @param relationships relationship schema names ({@code relationships[i]})
   * @return the problems found, each naming the profile field; empty when all is well. Never throws
   *     for a problem it can describe.
   */
  List<Problem> validate(List<String> entities, List<String> relationships);

  /**
   * Every entity and N:N relationship the source offers, for choosing what a profile exports.
   *
   * @throws io.dataexport.api.error.ConfigurationException when the source refuses the credentials
   *     or the address is not a source
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   */
  SourceCatalog catalog();

  /**
   * The exported shape of an entity: attributes with types, lengths, precisions, option sets and
   * lookup targets.
   *
   * @throws io.dataexport.api.error.ConfigurationException when the entity does not exist
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   */
  EntitySchema describe(String entity);

  /**
   * An N:N relationship by schema name.
   *
   * @throws io.dataexport.api.error.ConfigurationException when it does not exist
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   */
  RelationshipSchema relationship(String schemaName);

  /**
   * Reads the next page of changes of an entity. Honours the source's throttling (waits as it asks)
   * before giving up with a {@link io.dataexport.api.error.RetriableException}.
   *
   * @param entity the entity, as {@link #describe} gave it
   * @param cursor where to read from; {@link ChangeCursor#start()} for a first full read
   * @throws ChangeTokenExpiredException when the cursor's change token has expired
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   * @throws io.dataexport.api.error.ConfigurationException when credentials or the entity stopped
   *     working
   */
  ChangePage read(EntitySchema entity, ChangeCursor cursor);

  /**
   * Reads one record's current state by id, selecting the attributes {@link #read} selects, for an
   * administrator's resync of failed records.
   *
   * @param entity the entity, as {@link #describe} gave it
   * @param recordId the record's primary key
   * @return the record as an upsert with its current version, or empty when the source no longer
   *     has it (it was deleted)
   * @throws io.dataexport.api.error.RetriableException when the source cannot be reached now
   * @throws io.dataexport.api.error.ConfigurationException when credentials or the entity stopped
   *     working
   */
  Optional<SourceChange> readRecord(EntitySchema entity, UUID recordId);

  /**
   * The profile is stopping: requests waiting to try again, or for an answer, give up now with a
   * {@link io.dataexport.api.error.RetriableException}, and later ones at once too, so that its
   * readers stop at once even while the source does not answer. Called before {@link #close()}; the
   * source is not used for reading again. The default does nothing (requests end in their own
   * time).
   */
  default void stopWaiting() {}

  /**
   * What a {@link #read} of the entity under way is retrying now — the source failed or did not
   * answer, and the read waits to try again before it gives up — so that the entity's status shows
   * the trouble at once rather than when the read gives up. The default knows of none.
   *
   * @param entity the entity's logical name
   */
  default Optional<String> retrying(String entity) {
    return Optional.empty();
  }

  @Override
  void close();
}
