package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.server.node.ServiceNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the destination cannot be reached, parked notifications wait without spending tries and
 * apply by themselves once it is back. Notifications of a real PostgreSQL destination are parked by
 * row locks the test holds past the lock timeout; then the database becomes unreachable, for longer
 * than {@code retryCount × (retryIntervalSeconds + the pool's connection timeout)}, in each way
 * that can be produced here without touching the shared server: through a {@link TcpProxy} of the
 * test's own that refuses connections (the server down) or forwards nothing (a network black hole),
 * and by switching the service's role, one of the test's own, to {@code NOLOGIN} (authentication
 * failing, SQLSTATE 28000). When it is back, every record applies, the failure log is empty and the
 * counters add up with nothing pending.
 *
 * <p>A full disk (SQLSTATE 53100) cannot be produced safely on a shared server; it is classified as
 * unavailable like the others, which the dialect's classifier tests check.
 *
 * <p>HikariCP reads the pool's connection timeout from the file named by its system property {@code
 * hikaricp.configurationFile}: 1 s here instead of the default 30 s, so each outage lasts seconds.
 */
class PostgresqlOutageTest {
  private static final String HIKARI_CONFIGURATION = "hikaricp.configurationFile";
  private static final int RETRY_COUNT = 3;
  private static final int RETRY_INTERVAL_SECONDS = 1;
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  /** Longer than RETRY_COUNT × (RETRY_INTERVAL_SECONDS + CONNECTION_TIMEOUT) = 6 s. */
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  private static final int LOCKED_ACCOUNTS = 5;
  private static final List<String> ENTITIES = List.of("account", "contact");

  @TempDir Path data;
  private String hikariConfiguration;
  private PostgresqlTestSchema postgresql;
  private TcpProxy proxy;
  private DataverseEmulator emulator;
  private ServiceNode node;
  private String profileId;

  /** A way to make the destination unreachable, and to end it. */
  private record Outage(Step begin, Step end) {}

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  @BeforeEach
  void syncThroughTheProxy() throws Exception {
    Path pool = data.resolve("hikari.properties");
    Files.writeString(
        pool, "connectionTimeout=" + CONNECTION_TIMEOUT.toMillis() + "\nvalidationTimeout=500\n");
    hikariConfiguration = System.setProperty(HIKARI_CONFIGURATION, pool.toString());
    postgresql = new PostgresqlTestSchema();
    String role = postgresql.createOwnerRole();
    proxy = new TcpProxy(postgresql.server());
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(20));
    node = ServiceNode.start(data.resolve("service"), "127.0.0.1", 0, SyncFixture.quickRetries());
    ObjectNode document =
        SyncFixture.profile(
                "outage", emulator, postgresql.destinationThrough(proxy.port(), role), false)
            .put("retryCount", RETRY_COUNT)
            .put("retryIntervalSeconds", RETRY_INTERVAL_SECONDS);
    ENTITIES.forEach(document.putArray("entities")::add);
    document.putArray("relationships");
    profileId = node.profiles().create(document).id();
    node.profiles().activate(profileId);
    SyncFixture.awaitInitialSync(node, profileId, ENTITIES.size());
  }

  @AfterEach
  void stop() throws Exception {
    try {
      // first, so that a service whose outage a failed test did not end stops without waiting
      if (proxy != null) {
        proxy.close();
      }
      if (node != null) {
        node.close();
      }
      if (emulator != null) {
        emulator.close();
      }
    } finally {
      try {
        if (postgresql != null) {
          postgresql.close();
        }
      } finally {
        if (hikariConfiguration == null) {
          System.clearProperty(HIKARI_CONFIGURATION);
        } else {
          System.setProperty(HIKARI_CONFIGURATION, hikariConfiguration);
        }
      }
    }
  }

  @Test
  void parkedRecordsWaitOutAServerThatRefusesConnectionsAndApplyOnceItIsBack() throws Exception {
    parkRecordsThenLiveThrough(new Outage(proxy::refuse, proxy::restore));
  }

  @Test
  void parkedRecordsWaitOutANetworkBlackHoleAndApplyOnceItIsBack() throws Exception {
    parkRecordsThenLiveThrough(new Outage(proxy::blackHole, proxy::restore));
  }

  @Test
  void parkedRecordsWaitOutAFailingAuthenticationAndApplyOnceItIsBack() throws Exception {
    parkRecordsThenLiveThrough(
        new Outage(
            () -> {
              postgresql.allowLogin(false);
              postgresql.terminateServiceConnections();
            },
            () -> postgresql.allowLogin(true)));
  }

  /**
   * Parks changes of accounts whose rows the test has locked, makes the destination unreachable,
   * releases the locks, changes more records meanwhile, and ends the outage.
   */
  private void parkRecordsThenLiveThrough(Outage outage) throws Exception {
    try (Connection holder = postgresql.admin()) {
      holder.setAutoCommit(false);
      List<UUID> locked = lockAccounts(holder);
      UUID contact = ids("contact", 1).get(0);
      change("contact", contact, "jobtitle", "Changed with the locked accounts");
      locked.forEach(id -> change("account", id, "name", "Changed while locked"));
      awaitParked(locked.size(), contact);
      outage.begin().run();
      holder.rollback();
    }
    List<UUID> others = ids("contact", 3);
    others.forEach(id -> change("contact", id, "jobtitle", "Changed during the outage"));
    Thread.sleep(OUTAGE.toMillis());

    JsonNode during = status();
    assertThat(during.path("failureLogRecords").asLong())
        .as("records given up during the outage")
        .isZero();
    assertThat(entity(during, "account").path("parkedNotifications").asLong())
        .as("parked notifications during the outage")
        .isEqualTo(LOCKED_ACCOUNTS);

    outage.end().run();

    SyncFixture.awaitConvergence(
        emulator, postgresql.database(), exported(), Duration.ofSeconds(30));
    SyncFixture.assertSettledWithNothingGivenUp(
        EndToEndSyncTest.awaitNothingPending(node, profileId));
  }

  /** Locks some account rows in the holder's transaction; a write to them times out meanwhile. */
  private List<UUID> lockAccounts(Connection holder) throws SQLException {
    List<UUID> ids =
        postgresql.ids(
            holder, "account", "ORDER BY \"Id\" LIMIT " + LOCKED_ACCOUNTS + " FOR UPDATE");
    assertThat(ids).hasSize(LOCKED_ACCOUNTS);
    return ids;
  }

  /**
   * Waits until the locked accounts' notifications are parked. Contacts change meanwhile: a poll in
   * which nothing applies is taken as an outage and parks nothing, so the locked accounts are
   * parked by a poll in which a contact applies.
   */
  private void awaitParked(int count, UUID contact) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int tick = 0;
    while (entity(status(), "account").path("parkedNotifications").asLong() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the locked accounts were not parked within 60 s: " + status());
      }
      change("contact", contact, "jobtitle", "Tick " + tick++);
      Thread.sleep(200);
    }
  }

  private void change(String entity, UUID id, String attribute, String value) {
    EntityDefinition definition = emulator.store().metadata().entity(entity).orElseThrow();
    assertThat(
            emulator.store().update(definition, id, Map.of(definition.indexOf(attribute), value)))
        .isPresent();
  }

  /** Ids of records of an entity, from the destination. */
  private List<UUID> ids(String entity, int count) throws SQLException {
    try (Connection connection = postgresql.admin()) {
      return postgresql.ids(connection, entity, "ORDER BY \"Id\" DESC LIMIT " + count);
    }
  }

  private List<EntityDefinition> exported() {
    return ENTITIES.stream().map(e -> emulator.store().metadata().entity(e).orElseThrow()).toList();
  }

  private JsonNode status() {
    return node.profiles().status(profileId).toJson();
  }

  private static JsonNode entity(JsonNode status, String name) {
    for (JsonNode entity : status.path("entities")) {
      if (entity.path("name").asText().equals(name)) {
        return entity;
      }
    }
    throw new AssertionError("no status of " + name + ": " + status);
  }
}
