package io.dataexport.api.store;

import io.dataexport.api.source.ChangeCursor;
import java.time.Instant;

/**
 * Where the export of one entity of a profile stands: the change reader's cursor and progress, and
 * the writers' counters (the DES status fields).
 *
 * @param profileId the profile
 * @param entity the entity's logical name
 * @param cursor where the change reader goes on; {@link ChangeCursor#start()} when none was saved
 * @param initialSyncState how far the initial export has come
 * @param rowsRead rows read by the current initial export
 * @param estimatedTotal the source's count of rows for the initial export, or -1 when unknown
 * @param reexportStartedAt when the running full read (initial sync, re-export, resync, or the
 *     latest attempt of one that started over) began: rows not written since are swept at its end;
 *     null when none runs
 * @param reexportPublishedAt when that read's last page was published: the read now waits for its
 *     completion (applied, then swept), which the writer side does; null while it still reads or
 *     when none runs
 * @param totalNotifications notifications received for the entity: put on the bus by its change
 *     reader or by a resync of failed records. Each ends applied (succeeded) or given up (failed);
 *     until then it is pending, on the bus or parked
 * @param succeededNotifications of which applied
 * @param failedNotifications of which given up and logged as failures
 * @param lastSyncedAt the latest sync time the writers applied, or null
 * @param updatedAt when this state last changed
 * @param reexportRequestedAt when a full re-export was asked for and not yet taken up by the node
 *     running the entity's reader (by the store's clock); null when none is pending
 * @param fenceToken the lease token the cursor was last saved under ({@link
 *     ConfigStore#fencedBy(Lease)}); 0 when it was saved unfenced
 */
public record EntitySyncState(
    String profileId,
    String entity,
    ChangeCursor cursor,
    InitialSyncState initialSyncState,
    long rowsRead,
    long estimatedTotal,
    Instant reexportStartedAt,
    Instant reexportPublishedAt,
    long totalNotifications,
    long succeededNotifications,
    long failedNotifications,
    Instant lastSyncedAt,
    Instant updatedAt,
    Instant reexportRequestedAt,
    long fenceToken) {}
