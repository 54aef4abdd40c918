package io.dataexport.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.bench.sync.ServicePipeline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The node processes of one setup under test — one embedded node, or N nodes of a cluster on the
 * same shared stores — and the profile they export, driven through the REST API as an operator
 * would: created and activated on the first node, its status read from the nodes in turn (any node
 * of a cluster answers for every profile). The first node starts alone, so that it makes the {@code
 * admin} key the harness then uses; the others join after it.
 */
final class NodeGroup implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST = Duration.ofSeconds(30);

  private final List<NodeProcess> nodes;
  private final String token;
  private final HttpClient client = HttpClient.newHttpClient();
  private String profileId;
  private int next;

  private NodeGroup(List<NodeProcess> nodes, String token) {
    this.nodes = nodes;
    this.token = token;
  }

  /**
   * Starts {@code count} nodes, {@code node-1} first.
   *
   * @param directory each node's files go in {@code node-<i>} under it
   * @param settings configuration keys every node gets in its YAML file
   * @param environment the stores' {@code DATAEXPORT_} variables, the same for every node
   */
  static NodeGroup start(
      int count,
      Path directory,
      Map<String, String> settings,
      Map<String, String> environment,
      String heap) {
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        String id = "node-" + i;
        nodes.add(NodeProcess.start(id, directory.resolve(id), settings, environment, heap));
      }
      String token =
          nodes
              .getFirst()
              .firstKey()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "node-1 made no admin key: its store was not empty"));
      return new NodeGroup(nodes, token);
    } catch (RuntimeException e) {
      nodes.reversed().forEach(NodeProcess::close);
      throw e;
    }
  }

  /** Creates the profile on the first node. */
  void create(ObjectNode document) throws IOException, InterruptedException {
    JsonNode created = send("POST", nodes.getFirst().api().resolve("v1/profiles"), document);
    profileId = created.path("id").asText();
  }

  /** Activates the profile on the first node: its initial sync starts. */
  void activate() throws IOException, InterruptedException {
    send("POST", nodes.getFirst().api().resolve("v1/profiles/" + profileId + "/activate"), null);
  }

  /**
   * Whether the profile finished its initial sync and applied everything read, as the next node in
   * turn reports it.
   */
  boolean caughtUp() throws IOException, InterruptedException {
    NodeProcess node = nodes.get(next++ % nodes.size());
    return ServicePipeline.caughtUp(
        send("GET", node.api().resolve("v1/profiles/" + profileId + "/status"), null));
  }

  /** Polls {@link #caughtUp()} every {@code interval}; false after {@code timeout}. */
  boolean awaitCaughtUp(Duration interval, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (caughtUp()) {
        return true;
      }
      Thread.sleep(interval);
    }
    return false;
  }

  /**
   * {@code GET /cluster} from the first node: which node reads which entity and holds which
   * partitions; null for an embedded node, which has no cluster view.
   */
  JsonNode clusterView() throws IOException, InterruptedException {
    return send("GET", nodes.getFirst().api().resolve("v1/cluster"), null);
  }

  int size() {
    return nodes.size();
  }

  /** Stops the nodes, the last first. */
  @Override
  public void close() {
    nodes.reversed().forEach(NodeProcess::close);
  }

  private JsonNode send(String method, URI uri, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          method
              + " "
              + uri.getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }
}
