package io.dataexport.core.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.sync.ProfileRuntime;
import io.dataexport.store.config.EntitySyncState;
import io.dataexport.store.config.InitialSyncState;
import io.dataexport.store.config.StoredProfile;
import java.util.List;

/**
 * The status document of SPEC §6: the profile's state and, per entity, initial-sync state and
 * progress, DES counters (total = succeeded + failed, the notifications the writers handled; and
 * pending, what the running profile read and has not handled yet), last sync time and lag.
 *
 * @param profile the stored profile
 * @param entities its entities' sync state
 * @param runtime its running pipeline, or null when it is not active
 */
public record ProfileStatus(
    StoredProfile profile, List<EntitySyncState> entities, ProfileRuntime runtime) {

  public static ProfileStatus of(
      StoredProfile profile, List<EntitySyncState> entities, ProfileRuntime runtime) {
    return new ProfileStatus(profile, List.copyOf(entities), runtime);
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", profile.id());
    json.put("name", profile.name());
    json.put("state", profile.state().wireName());
    ArrayNode list = json.putArray("entities");
    for (EntitySyncState entity : entities) {
      ObjectNode e = list.addObject();
      e.put("name", entity.entity());
      e.put("initialSyncState", initialSyncState(entity).wireName());
      ObjectNode progress = e.putObject("initialSyncProgress");
      progress.put("rowsRead", entity.rowsRead());
      if (entity.estimatedTotal() >= 0) {
        progress.put("estimatedTotal", entity.estimatedTotal());
        progress.put(
            "percent",
            entity.estimatedTotal() == 0
                ? 100.0
                : Math.min(
                    100.0,
                    Math.round(1000.0 * entity.rowsRead() / entity.estimatedTotal()) / 10.0));
      }
      e.put("totalNotifications", entity.totalNotifications());
      e.put("succeededNotifications", entity.succeededNotifications());
      e.put("failedNotifications", entity.failedNotifications());
      e.put(
          "pendingNotifications", runtime == null ? 0 : runtime.metrics().pending(entity.entity()));
      e.put(
          "lastSyncedAt", entity.lastSyncedAt() == null ? null : entity.lastSyncedAt().toString());
      e.put("lagSeconds", runtime == null ? 0 : runtime.metrics().lag(entity.entity()).toSeconds());
      e.put("resyncInProgress", entity.reexportStartedAt() != null);
      if (runtime != null) {
        runtime.readerError(entity.entity()).ifPresent(error -> e.put("error", error));
      }
    }
    return json;
  }

  private static InitialSyncState initialSyncState(EntitySyncState entity) {
    if (entity.initialSyncState() == InitialSyncState.COMPLETED
        && entity.failedNotifications() > 0) {
      return InitialSyncState.COMPLETED_WITH_FAILURES;
    }
    return entity.initialSyncState();
  }
}
