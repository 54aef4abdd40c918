package io.dataexport.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.core.sync.SyncSettings;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.server.node.ServiceNode;
import io.dataexport.store.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes to the blob store, into a real PostgreSQL: a payload over the inline limit travels
 * through it (the bus carries a reference); while its table is locked the payload waits there,
 * encrypted (the files hold no plaintext of it), and the blob is deleted once applied. Deleting a
 * profile removes its failure log and its parked blobs.
 */
class BlobStoreEndToEndTest {
  private static final int INLINE_LIMIT = 1500;

  @TempDir Path data;
  private PostgresqlTestSchema postgresql;
  private DataverseEmulator emulator;
  private ServiceNode node;
  private ApiCalls api;
  private ObjectNode document;
  private String id;

  @BeforeEach
  void start() throws Exception {
    postgresql = new PostgresqlTestSchema();
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(50));
    node =
        ServiceNode.start(
            service(),
            "127.0.0.1",
            0,
            SyncSettings.defaults()
                .withPollInterval(Duration.ofMillis(200))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withInlinePayloadLimit(INLINE_LIMIT));
    api = new ApiCalls(node);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
      if (emulator != null) {
        emulator.close();
      }
    } finally {
      if (postgresql != null) {
        postgresql.close();
      }
    }
  }

  @Test
  void aPayloadOverTheInlineLimitWaitsEncryptedInTheBlobStoreAndIsDeletedOnceApplied()
      throws Exception {
    activate(12, 1);
    String marker = "Zebra-Ødegaard-" + UUID.randomUUID();
    UUID big;
    try (Connection holder = postgresql.admin();
        Statement lock = holder.createStatement()) {
      holder.setAutoCommit(false);
      lock.execute("LOCK TABLE " + postgresql.table("account") + " IN ACCESS EXCLUSIVE MODE");
      big = createAccount("Large", (marker + " ").repeat(1 + 1800 / (marker.length() + 1)));
      await("the payload in the blob store", () -> !blobFiles().isEmpty(), Duration.ofSeconds(20));

      for (Path file : blobFiles()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as("raw bytes of %s", file)
            .doesNotContain("Zebra")
            .doesNotContain(marker);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
            .doesNotContain("Ødegaard");
      }
      assertThat(filesContain(service().resolve("bus"), "Zebra"))
          .as("the bus carries a reference, not the payload")
          .isFalse();
      holder.rollback();
    }

    SyncFixture.awaitConvergence(emulator, postgresql.database(), Duration.ofSeconds(30));
    await("the blobs are deleted", () -> blobFiles().isEmpty(), Duration.ofSeconds(20));
    assertThat(emulator.store().table("account").get(big)).isPresent();
    assertThat(filesContain(service().resolve("blobs"), "Zebra")).isFalse();
  }

  @Test
  void deletingAProfileRemovesItsFailureLogAndItsParkedBlobs() throws Exception {
    activate(1, 0);
    postgresql.execute(
        "ALTER TABLE "
            + postgresql.table("account")
            + " ADD CONSTRAINT no_poison CHECK (name NOT LIKE 'POISON%')");
    createAccount("POISON given up", "small");
    await(
        "a failure-log entry",
        () -> failureCount() == 1 && blobFiles().isEmpty(),
        Duration.ofSeconds(20));
    node.profiles().update(id, document.put("retryCount", 20).put("retryIntervalSeconds", 3600));
    createAccount("POISON parked", "small");
    await("a parked notification", () -> blobFiles().size() == 1, Duration.ofSeconds(20));
    assertThat(new String(Files.readAllBytes(blobFiles().get(0)), StandardCharsets.ISO_8859_1))
        .doesNotContain("POISON");

    assertThat(api.delete("/api/v1/profiles/" + id).status()).isEqualTo(204);

    assertThat(api.get("/api/v1/profiles/" + id + "/failures").status()).isEqualTo(404);
    assertThat(blobFiles()).isEmpty();
    assertThat(service().resolve("blobs").resolve(id)).doesNotExist();
    assertThat(api.get("/metrics").body()).doesNotContain(id);
  }

  private void activate(int retryCount, int retryIntervalSeconds) throws Exception {
    document =
        SyncFixture.profile("blobs", emulator, postgresql.destination(), false)
            .put("retryCount", retryCount)
            .put("retryIntervalSeconds", retryIntervalSeconds);
    id = node.profiles().create(document).id();
    node.profiles().activate(id);
    SyncFixture.awaitConvergence(emulator, postgresql.database(), Duration.ofSeconds(60));
  }

  private UUID createAccount(String name, String description) {
    EntityDefinition account = emulator.store().metadata().entity("account").orElseThrow();
    Object[] values = new Object[account.attributes().size()];
    values[account.indexOf("name")] = name;
    values[account.indexOf("description")] = description;
    return emulator.store().create(account, values).id();
  }

  private long failureCount() {
    try {
      JsonNode failures = api.get("/api/v1/profiles/" + id + "/failures").json();
      return failures.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Path service() {
    return data.resolve("service");
  }

  /** The profile's blob files on disk. */
  private List<Path> blobFiles() {
    return files(service().resolve("blobs"));
  }

  private static boolean filesContain(Path root, String text) throws IOException {
    for (Path file : files(root)) {
      if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> files(Path root) {
    return FileTrees.regularFiles(root);
  }

  private static void await(String what, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
