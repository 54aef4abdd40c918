package io.dataexport.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.store.ClusterNode;
import io.dataexport.api.store.ClusterView;
import io.dataexport.api.store.ConfigStore;
import io.dataexport.api.store.Lease;
import io.dataexport.core.cluster.ClusterCoordinator;
import io.dataexport.core.cluster.NodeReport;
import io.dataexport.core.service.ProfileService;
import java.time.Instant;

/**
 * {@code GET /cluster} (SPEC §8): the nodes of the cluster as they heartbeat into the store — id,
 * address, when they started and last heartbeat, whether they count as live, the readers and
 * profile duties they hold and their bus partitions — and every lease with its holder and fencing
 * token. Any node answers for the whole cluster; a single node answers 404.
 */
final class ClusterRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProfileService profiles;
  private final ConfigStore store;

  ClusterRoutes(ProfileService profiles, ConfigStore store) {
    this.profiles = profiles;
    this.store = store;
  }

  ObjectNode view() {
    ClusterCoordinator coordinator =
        profiles
            .cluster()
            .orElseThrow(
                () ->
                    new RestApi.NotFound(
                        "This node does not run in a cluster: its store is not shared. Cluster mode"
                            + " is several nodes on one PostgreSQL store, Kafka bus and S3 or Azure"
                            + " blob store (SPEC §8)."));
    ClusterView view = store.nodes().view();
    Instant liveSince = view.now().minus(coordinator.settings().silence());
    ObjectNode json = JSON.createObjectNode();
    json.put("node", coordinator.settings().nodeId());
    json.put("leaseSeconds", coordinator.settings().leaseDuration().toSeconds());
    json.put("now", view.now().toString());
    ArrayNode nodes = json.putArray("nodes");
    for (ClusterNode node : view.nodes()) {
      ObjectNode entry = nodes.addObject();
      entry.put("id", node.id());
      entry.put("address", node.address());
      entry.put("startedAt", node.startedAt().toString());
      entry.put("lastHeartbeat", node.heartbeatAt().toString());
      entry.put("live", node.heartbeatAt().isAfter(liveSince));
      NodeReport report = NodeReport.parse(node.details()).orElse(NodeReport.empty());
      entry.set("readers", JSON.valueToTree(report.readers()));
      entry.set("leading", JSON.valueToTree(report.leading()));
      entry.set("partitions", JSON.valueToTree(report.partitions()));
      if (report.clockOffsetMillis() != null) {
        entry.put("clockOffsetMillis", report.clockOffsetMillis());
      }
    }
    ArrayNode leases = json.putArray("leases");
    for (Lease lease : store.leases().list("")) {
      if (!lease.name().startsWith(ClusterCoordinator.READER)
          && !lease.name().startsWith(ClusterCoordinator.LEAD)) {
        continue;
      }
      ObjectNode entry = leases.addObject();
      entry.put("name", lease.name());
      entry.put("holder", lease.holder());
      entry.put("token", lease.token());
      entry.put("expiresAt", lease.expiresAt().toString());
      entry.put("held", lease.expiresAt().isAfter(view.now()));
    }
    return json;
  }
}
