package io.dataexport.api.destination;

import java.util.UUID;

/**
 * A delete the destination's version guard refused: the record's row was written from a newer
 * version than the delete carries, so the row stays. Never expected from the change stream (a
 * deletion gets the highest version its reader knows); reported so that it is never silent.
 *
 * @param recordId the record
 * @param deleteVersion the version the delete carried
 * @param rowVersion the version of the row that stayed
 */
public record RefusedDelete(UUID recordId, long deleteVersion, long rowVersion) {}
