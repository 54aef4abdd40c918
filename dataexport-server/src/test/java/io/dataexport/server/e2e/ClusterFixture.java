package io.dataexport.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.blob.s3.S3ProxyServer;
import io.dataexport.core.cluster.NodeReport;
import io.dataexport.emulator.DataverseEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A cluster of service nodes for the cluster tests (SPEC §8), each node its own JVM ({@link
 * ServiceProcess}) with a YAML file of its own on the same {@link SharedStores} (one PostgreSQL
 * store in a fresh schema, one Kafka bus, one S3 blob store, the same {@code store.encryptionKey}
 * and blob keys on every node), and short leases ({@link #LEASE_SECONDS}) so a take-over is quick.
 * Nodes are named {@code node-1} … {@code node-N}; the first one started prints the admin key the
 * others use. {@link #close()} kills every node, stops S3Proxy and drops the store's schema.
 */
final class ClusterFixture implements AutoCloseable {
  /** {@code cluster.leaseSeconds} of every node: a dead node's work moves within about this. */
  static final int LEASE_SECONDS = 6;

  private final Path work;
  private final int partitions;
  private final SharedStores stores;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private String token;

  /** Makes the store's schema, starts S3Proxy with a bucket, and takes the shared broker. */
  ClusterFixture(Path work) throws SQLException {
    this(work, 6);
  }

  /**
   * @param partitions the partitions of each profile's topic ({@code bus.partitions}): fewer than
   *     the nodes leave a node's writer without any
   */
  ClusterFixture(Path work, int partitions) throws SQLException {
    this.work = work;
    this.partitions = partitions;
    this.stores = new SharedStores("cluster", "ct");
  }

  /** One node of the cluster: its process, its id, its configuration file. */
  final class Node {
    private final String id;
    private final ServiceProcess process;
    private final Path config;

    private Node(String id, ServiceProcess process, Path config) {
      this.id = id;
      this.process = process;
      this.config = config;
    }

    String id() {
      return id;
    }

    ServiceProcess process() {
      return process;
    }

    /** Starts (or starts again) the node's JVM and waits until its API answers. */
    Node start() throws Exception {
      return start(List.of());
    }

    /** As {@link #start()}, with extra JVM options (e.g. a test hook's system property). */
    Node start(List<String> jvmOptions) throws Exception {
      if (token != null) {
        process.useToken(token);
      }
      process.start(jvmOptions, List.of("--config", config.toString()));
      if (token == null) {
        token = process.token();
      }
      return this;
    }

    /** SIGKILL: the JVM ends at once, without handing its leases over. */
    void kill() throws InterruptedException {
      process.kill();
    }

    JsonNode json(String method, String path, JsonNode body) throws Exception {
      return process.json(method, path, body);
    }

    /** {@code GET /api/v1/cluster} as this node answers it. */
    JsonNode cluster() throws Exception {
      return process.json("GET", "cluster", null);
    }

    /** Creates the profile on this node and activates it; its id. */
    String createAndActivate(JsonNode document) throws Exception {
      String profileId = create(document);
      json("POST", "profiles/" + profileId + "/activate", null);
      return profileId;
    }

    /** Creates the profile on this node; its id. */
    String create(JsonNode document) throws Exception {
      return json("POST", "profiles", document).path("id").asText();
    }

    /** The node's log so far. */
    String log() throws IOException {
      return Files.readString(process.log());
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * Adds a node {@code node-<number>} (not started) whose store connection goes to {@code
   * storePort} of 127.0.0.1 when given (a {@link TcpProxy} in front of PostgreSQL), else straight
   * to the test PostgreSQL.
   */
  Node add(int number, Optional<Integer> storePort) throws IOException {
    String id = "node-" + number;
    Path config = work.resolve(id + ".yaml");
    Files.writeString(config, yaml(id, stores.storeUrl(storePort)));
    Node node = new Node(id, new ServiceProcess(work.resolve(id)), config);
    nodes.put(id, node);
    return node;
  }

  /** Adds and starts {@code count} nodes, node-1 first (it prints the admin key). */
  List<Node> start(int count) throws Exception {
    List<Node> started = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      started.add(add(i, Optional.empty()).start());
    }
    return started;
  }

  Node node(String id) {
    Node node = nodes.get(id);
    if (node == null) {
      throw new AssertionError("no node " + id + " in " + nodes.keySet());
    }
    return node;
  }

  List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  /** The nodes other than these. */
  List<Node> others(Node... excluded) {
    List<Node> others = new ArrayList<>(nodes.values());
    others.removeAll(List.of(excluded));
    return others;
  }

  S3ProxyServer s3() {
    return stores.s3();
  }

  /**
   * A profile document exporting {@code entities} (no relationships) of the emulator into a
   * PostgreSQL schema of the test.
   */
  static ObjectNode profile(
      String name,
      DataverseEmulator source,
      PostgresqlTestSchema destination,
      List<String> entities) {
    ObjectNode document = SyncFixture.profile(name, source, destination.destination(), false);
    entities.forEach(document.putArray("entities")::add);
    document.putArray("relationships");
    return document;
  }

  /**
   * The reader leases of a profile that are held now by the store's clock, from {@code GET
   * /api/v1/cluster} on {@code asking}: entity → lease (holder, token, …).
   */
  static Map<String, JsonNode> readerLeases(JsonNode cluster, String profileId) {
    Map<String, JsonNode> held = new TreeMap<>();
    String prefix = "reader/" + profileId + "/";
    for (JsonNode lease : cluster.path("leases")) {
      String name = lease.path("name").asText();
      if (name.startsWith(prefix) && lease.path("held").asBoolean()) {
        held.put(name.substring(prefix.length()), lease);
      }
    }
    return held;
  }

  /** Entity → the id of the node holding its reader lease, for the leases held now. */
  static Map<String, String> readerHolders(JsonNode cluster, String profileId) {
    Map<String, String> holders = new TreeMap<>();
    readerLeases(cluster, profileId)
        .forEach((e, lease) -> holders.put(e, lease.path("holder").asText()));
    return holders;
  }

  /** What a node reports reading in its last heartbeat: {@code <profile>/<entity>} names. */
  static List<String> reportedReaders(JsonNode cluster, String nodeId) {
    List<String> readers = new ArrayList<>();
    for (JsonNode node : cluster.path("nodes")) {
      if (node.path("id").asText().equals(nodeId)) {
        node.path("readers").forEach(r -> readers.add(r.asText()));
      }
    }
    return readers;
  }

  /** Whether the node heartbeat within a lease's time, as {@code GET /api/v1/cluster} says. */
  static boolean live(JsonNode cluster, String nodeId) {
    for (JsonNode node : cluster.path("nodes")) {
      if (node.path("id").asText().equals(nodeId)) {
        return node.path("live").asBoolean();
      }
    }
    return false;
  }

  /**
   * Asks {@code asking} for {@code GET /api/v1/cluster} until {@code done} holds, up to {@code
   * timeout}; fails with the last answer.
   */
  static JsonNode awaitCluster(Node asking, String what, Duration timeout, Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode cluster = null;
    while (System.nanoTime() < deadline) {
      cluster = asking.cluster();
      if (done.test(cluster)) {
        return cluster;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "Timed out after " + timeout + " waiting for " + what + "; last GET /cluster: " + cluster);
  }

  /** Asks {@code asking} for the profile's status until {@code done} holds; fails with the last. */
  static JsonNode awaitStatus(
      Node asking, String profileId, String what, Duration timeout, Predicate<JsonNode> done)
      throws Exception {
    return asking.process().awaitStatus(profileId, what, timeout, done);
  }

  /** The status's entry of one entity (a missing node when it has none). */
  static JsonNode entity(JsonNode status, String entity) {
    for (JsonNode e : status.path("entities")) {
      if (e.path("name").asText().equals(entity)) {
        return e;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** Whether every entity of the status finished its initial sync. */
  static boolean initialSyncsDone(JsonNode status, int entities) {
    if (status.path("entities").size() < entities) {
      return false;
    }
    for (JsonNode e : status.path("entities")) {
      if (!e.path("initialSyncState").asText().startsWith("completed")) {
        return false;
      }
    }
    return true;
  }

  /** Entity → the fencing token its cursor was last saved under, read from the store's table. */
  Map<String, Long> fenceTokens(String profileId) throws SQLException {
    Map<String, Long> tokens = new TreeMap<>();
    try (Connection connection = stores.connect();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT entity, fence_token FROM entity_sync_state WHERE profile_id = ?")) {
      select.setString(1, profileId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tokens.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return tokens;
  }

  /** A node's last heartbeat as the store holds it: its time and its report. */
  record Heartbeat(long at, NodeReport report) {}

  /** Every node's last heartbeat, by node id, read from the store's table. */
  Map<String, Heartbeat> heartbeats() throws SQLException {
    Map<String, Heartbeat> heartbeats = new TreeMap<>();
    try (Connection connection = stores.connect();
        PreparedStatement select =
            connection.prepareStatement("SELECT id, heartbeat_at, details FROM cluster_node");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        heartbeats.put(
            rows.getString(1),
            new Heartbeat(
                rows.getLong(2), NodeReport.parse(rows.getString(3)).orElse(NodeReport.empty())));
      }
    }
    return heartbeats;
  }

  private String yaml(String nodeId, String storeUrl) {
    return "node:\n  id: "
        + nodeId
        + "\n"
        + stores.yaml(storeUrl, "  partitions: " + partitions)
        + "cluster:\n  leaseSeconds: "
        + LEASE_SECONDS
        + "\n";
  }

  /**
   * With {@code -Dcluster.logs=DIR}, keeps each node's log there (as {@code <node id>.log}) for a
   * look after the run; the logs are otherwise deleted with the test's directory.
   */
  private static void keepLog(Node node) {
    String directory = System.getProperty("cluster.logs");
    if (directory == null) {
      return;
    }
    try {
      Files.createDirectories(Path.of(directory));
      Files.writeString(Path.of(directory, node.id + ".log"), node.log());
    } catch (IOException e) {
      System.err.println("Could not keep the log of " + node.id + ": " + e);
    }
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (Node node : nodes.values()) {
      keepLog(node);
      try {
        node.process.close();
      } catch (Exception e) {
        failure = e;
      }
    }
    stores.close();
    if (failure != null) {
      throw failure;
    }
  }
}
