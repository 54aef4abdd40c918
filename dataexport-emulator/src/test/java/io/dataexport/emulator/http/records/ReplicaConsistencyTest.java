package io.dataexport.emulator.http.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.http.Prefer;
import io.dataexport.emulator.metadata.EntityDefinition;
import io.dataexport.emulator.store.EntityTable;
import io.dataexport.emulator.store.StoredRecord;
import io.dataexport.emulator.testing.EmulatorClient;
import io.dataexport.emulator.testing.EmulatorClient.Reply;
import io.dataexport.emulator.workload.ChangeWorkload;
import io.dataexport.emulator.workload.WorkloadSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guarantee change tracking exists for: a client that does one paged initial read and then
 * follows delta links, while the organisation changes underneath at random, ends with exactly the
 * organisation's records.
 */
class ReplicaConsistencyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PREFER = "odata.track-changes,odata.maxpagesize=50";

  @Test
  void replicaBuiltFromTheProtocolEqualsTheEmulatorAfterAConcurrentRandomWorkload()
      throws Exception {
    try (DataverseEmulator emulator =
            DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(400));
        ChangeWorkload workload =
            new ChangeWorkload(
                emulator.store(),
                WorkloadSettings.defaults().withRate(1500).withMix(3, 5, 2).withSeed(11),
                null)) {
      EmulatorClient client = new EmulatorClient(emulator);
      List<EntityDefinition> tracked =
          emulator.store().metadata().entities().stream()
              .filter(EntityDefinition::changeTrackingEnabled)
              .toList();
      Map<String, Map<String, JsonNode>> replicas = new HashMap<>();
      Map<String, String> deltaLinks = new HashMap<>();

      workload.start();
      for (EntityDefinition entity : tracked) {
        Map<String, JsonNode> replica = new HashMap<>();
        replicas.put(entity.logicalName(), replica);
        deltaLinks.put(
            entity.logicalName(),
            apply(client, entity, client.get(entity.entitySetName(), "Prefer", PREFER), replica));
      }
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < deadline) {
        for (EntityDefinition entity : tracked) {
          deltaLinks.put(
              entity.logicalName(),
              apply(
                  client,
                  entity,
                  client.get(deltaLinks.get(entity.logicalName()), "Prefer", PREFER),
                  replicas.get(entity.logicalName())));
        }
      }
      workload.stop();
      for (EntityDefinition entity : tracked) {
        apply(
            client,
            entity,
            client.get(deltaLinks.get(entity.logicalName()), "Prefer", PREFER),
            replicas.get(entity.logicalName()));
      }

      assertThat(workload.created() + workload.updated() + workload.deleted()).isGreaterThan(500);
      assertThat(workload.deleted()).isPositive();
      for (EntityDefinition entity : tracked) {
        assertThat(replicas.get(entity.logicalName()))
            .as("replica of %s", entity.logicalName())
            .isEqualTo(expected(emulator, entity));
      }
    }
  }

  /**
   * Applies every page from {@code first} on to the replica; returns the delta link that ends them.
   */
  private static String apply(
      EmulatorClient client, EntityDefinition entity, Reply first, Map<String, JsonNode> replica) {
    Reply page = first;
    while (true) {
      assertThat(page.status()).isEqualTo(200);
      for (JsonNode row : page.json().path("value")) {
        if (row.has("reason")) {
          replica.remove(row.path("id").asText());
        } else {
          replica.put(row.path(entity.primaryIdAttribute()).asText(), row);
        }
      }
      if (page.json().has("@odata.deltaLink")) {
        return page.json().path("@odata.deltaLink").asText();
      }
      page = client.get(page.json().path("@odata.nextLink").asText(), "Prefer", PREFER);
    }
  }

  /** The emulator's live records, rendered as the Web API renders a row. */
  private static Map<String, JsonNode> expected(DataverseEmulator emulator, EntityDefinition entity)
      throws IOException {
    RecordJsonWriter writer = new RecordJsonWriter(new FormattedValues(emulator.store()));
    SelectedAttributes all = SelectedAttributes.resolve(entity, List.of());
    Prefer plain = Prefer.parse(List.of());
    EntityTable table = emulator.store().table(entity.logicalName());
    List<StoredRecord> records = new ArrayList<>();
    for (long position = 0; position >= 0; ) {
      EntityTable.Page page = table.scan(position, 1000);
      records.addAll(page.records());
      position = page.next();
    }
    byte[] body = writer.collection("c", "d", entity, all, plain, records, List.of(), null, null);
    Map<String, JsonNode> rows = new HashMap<>();
    for (JsonNode row : MAPPER.readTree(body).path("value")) {
      rows.put(row.path(entity.primaryIdAttribute()).asText(), (ObjectNode) row);
    }
    return rows;
  }
}
