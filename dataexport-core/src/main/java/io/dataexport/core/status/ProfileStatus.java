package io.dataexport.core.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.profile.ProfileState;
import io.dataexport.api.store.EntitySyncState;
import io.dataexport.api.store.FailureResync;
import io.dataexport.api.store.ParkedSummary;
import io.dataexport.api.store.StoredProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status document of SPEC §6: the profile's state, its failure-log size, its latest resync of
 * failed records and, per entity, the {@link EntityStatus} (initial-sync state and progress, total
 * = succeeded + failed + pending, parked, last sync time, lag, throughput).
 *
 * @param profile the stored profile
 * @param entities its entities' status, by name
 * @param failureLogRecords how many records are in its failure log
 * @param failureResync its latest resync of failed records, or null when it never had one
 */
public record ProfileStatus(
    StoredProfile profile,
    List<EntityStatus> entities,
    long failureLogRecords,
    FailureResyncStatus failureResync) {

  public ProfileStatus {
    entities = List.copyOf(entities);
  }

  /**
   * The status from the store's figures and what the running pipelines know (in a cluster, every
   * live node's: see {@link io.dataexport.core.cluster.ClusterFigures}).
   *
   * @param parked the parked notifications per entity
   * @param failureResync the profile's latest resync of failed records, or null when none
   * @param live what the running pipelines know of the entities
   */
  public static ProfileStatus of(
      StoredProfile profile,
      List<EntitySyncState> states,
      Map<String, ParkedSummary> parked,
      long failureLogRecords,
      FailureResync failureResync,
      LiveFigures live,
      Instant now) {
    List<EntityStatus> entities = new ArrayList<>(states.size());
    for (EntitySyncState state : states) {
      entities.add(EntityStatus.of(state, parked.get(state.entity()), live, now));
    }
    return new ProfileStatus(
        profile,
        entities,
        failureLogRecords,
        failureResync == null
            ? null
            : FailureResyncStatus.of(failureResync, profile.state() == ProfileState.ACTIVE));
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", profile.id());
    json.put("name", profile.name());
    json.put("state", profile.state().wireName());
    json.put("failureLogRecords", failureLogRecords);
    json.set("failureResync", failureResync == null ? json.nullNode() : failureResync.toJson());
    ArrayNode list = json.putArray("entities");
    entities.forEach(e -> list.add(e.toJson()));
    return json;
  }
}
