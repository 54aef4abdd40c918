package io.dataexport.bench.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.api.profile.DestinationConfig;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.server.config.ServiceConfig;
import io.dataexport.server.node.ServiceNode;
import java.time.Duration;
import java.util.List;

/**
 * The whole service in this JVM, as {@code ./dataexport server} runs it (config store, blob store,
 * embedded bus, readers, writer, REST API on a free port), with one profile exporting from an
 * emulator to a database: the pipeline the end-to-end scenarios measure.
 */
public final class ServicePipeline implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServiceNode node;
  private final String profileId;

  private ServicePipeline(ServiceNode node, String profileId) {
    this.node = node;
    this.profileId = profileId;
  }

  /**
   * Starts a service with a created (not yet active) profile.
   *
   * @param config the node's configuration: its data directory and stores (see {@link
   *     io.dataexport.bench.stores.FreshStores#config})
   * @param source the emulator: organisation URL and token URL
   * @param entities the entities the profile exports
   */
  public static ServicePipeline create(
      ServiceConfig config,
      SyncSettings settings,
      SourceEndpoint source,
      DestinationConfig destination,
      List<String> entities) {
    ServiceNode node = ServiceNode.start(config, settings);
    try {
      String id = node.profiles().create(document(source, destination, entities)).id();
      return new ServicePipeline(node, id);
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /** Activates the profile: its initial sync starts. */
  public void activate() {
    node.profiles().activate(profileId);
  }

  /** The profile's status document, as {@code GET /profiles/{id}/status} returns it. */
  public JsonNode status() {
    return node.profiles().status(profileId).toJson();
  }

  /**
   * Whether every entity finished its initial sync and its writer has applied everything read,
   * without failures.
   *
   * @throws IllegalStateException when notifications failed
   */
  public boolean caughtUp() {
    return caughtUp(status());
  }

  /**
   * Whether a profile's status document (as {@code GET /profiles/{id}/status} returns it, from any
   * node) says every entity finished its initial sync and everything read was applied.
   *
   * @throws IllegalStateException when notifications failed
   */
  public static boolean caughtUp(JsonNode status) {
    JsonNode entities = status.path("entities");
    boolean done = entities.size() > 0;
    for (JsonNode entity : entities) {
      if (entity.path("failedNotifications").asLong() > 0) {
        throw new IllegalStateException("notifications failed: " + entity);
      }
      done &=
          entity.path("initialSyncState").asText().equals("completed")
              && entity.path("pendingNotifications").asLong() == 0;
    }
    return done;
  }

  /**
   * Polls every {@code interval} until {@link #caughtUp()}; returns false after {@code timeout}.
   */
  public boolean awaitCaughtUp(Duration interval, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (caughtUp()) {
        return true;
      }
      Thread.sleep(interval);
    }
    return false;
  }

  /** Stops the service; the destination's tables stay. */
  @Override
  public void close() {
    node.close();
  }

  /**
   * The profile document of the benchmarks: from the emulator to the destination, no delete log.
   */
  public static ObjectNode document(
      SourceEndpoint source, DestinationConfig destination, List<String> entities) {
    ObjectNode document = JSON.createObjectNode();
    document.put("name", "bench");
    ObjectNode sourceBlock = document.putObject("source");
    sourceBlock.put("url", source.url());
    ObjectNode auth = sourceBlock.putObject("auth");
    auth.put("tokenUrl", source.tokenUrl());
    auth.put("clientId", source.clientId());
    auth.put("clientSecret", source.clientSecret());
    ObjectNode target = document.putObject("destination");
    target.put("type", destination.type());
    target.put("jdbcUrl", destination.jdbcUrl());
    if (destination.username() != null) {
      target.put("username", destination.username());
    }
    if (destination.password() != null) {
      target.put("password", destination.password().reveal());
    }
    if (destination.schema() != null) {
      target.put("schema", destination.schema());
    }
    entities.forEach(document.putArray("entities")::add);
    document.put("writeDeleteLog", false);
    return document;
  }
}
