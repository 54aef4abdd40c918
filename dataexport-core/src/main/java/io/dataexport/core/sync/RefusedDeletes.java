package io.dataexport.core.sync;

import io.dataexport.api.destination.ApplyResult;
import io.dataexport.api.destination.RefusedDelete;
import io.dataexport.core.metrics.SyncMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the deletes a destination's version guard refused visible: each is logged with the record
 * and both versions, and counted ({@code dataexport.deletes.refused}). A refused delete leaves a
 * row the source may no longer have, so it must never pass silently.
 */
final class RefusedDeletes {
  private static final Logger LOG = LoggerFactory.getLogger(RefusedDeletes.class);

  private final String profileId;
  private final SyncMeters meters;

  RefusedDeletes(String profileId, SyncMeters meters) {
    this.profileId = profileId;
    this.meters = meters;
  }

  void report(String entity, ApplyResult result) {
    if (result == null || result.refusedDeletes().isEmpty()) {
      return;
    }
    for (RefusedDelete refused : result.refusedDeletes()) {
      try (var named = LogContext.record(refused.recordId())) {
        LOG.warn(
            "Delete of {} {} of profile {} refused by the version guard: the delete carries version"
                + " {}, the row holds version {}; the row stays",
            entity,
            refused.recordId(),
            profileId,
            refused.deleteVersion(),
            refused.rowVersion());
      }
    }
    meters.refusedDeletes(profileId, entity, result.refusedDeletes().size());
  }
}
