package io.dataexport.api.source;

import io.dataexport.api.notification.Operation;
import java.util.Map;
import java.util.UUID;

/**
 * One change as the source reports it.
 *
 * @param recordId the record's primary key
 * @param operation upsert or delete
 * @param version the row version (for deletions: see {@link ChangeCursor#highWaterVersion()})
 * @param payload the record's attributes in the forms {@link
 *     io.dataexport.api.notification.SyncNotification} describes; empty for deletions
 */
public record SourceChange(
    UUID recordId, Operation operation, long version, Map<String, Object> payload) {}
