package io.dataexport.jdbc.write;

import java.util.UUID;

/**
 * A lookup, customer or owner value: the referenced record and its entity.
 *
 * @param id the referenced record
 * @param entityType the referenced entity's logical name, or null when unknown
 */
record LookupValue(UUID id, String entityType) {}
