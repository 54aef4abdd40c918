package io.dataexport.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataexport.emulator.EmulatorSettings;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's data routes over real HTTP: the catalog of the Dataverse emulator for the create
 * wizard, and a syncing profile's recent activity for its chart.
 */
class ConsoleRoutesTest extends SecuredApiTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = "127.0.0.30";

  @Test
  void theCatalogListsTheSourcesEntitiesAndRelationshipsSortedByName() throws Exception {
    String source = api.profileDocument("wizard").path("source").toString();

    HttpResponse<String> answer =
        api.send(CLIENT, "POST", "/api/v1/sources/catalog", source, admin);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode catalog = JSON.readTree(answer.body());
    List<String> names = texts(catalog.path("entities"), "name");
    assertThat(names).contains("account", "contact", "lead").isSorted();
    JsonNode account = catalog.path("entities").get(names.indexOf("account"));
    assertThat(account.path("displayName").asText()).isEqualTo("Account");
    assertThat(account.path("changeTracking").asBoolean()).isTrue();
    List<String> relationships = texts(catalog.path("relationships"), "schemaName");
    assertThat(relationships).isNotEmpty().isSorted().contains("accountleads_association");
    JsonNode accountLeads =
        catalog.path("relationships").get(relationships.indexOf("accountleads_association"));
    assertThat(
            List.of(accountLeads.path("entity1").asText(), accountLeads.path("entity2").asText()))
        .containsExactlyInAnyOrder("account", "lead");
    assertThat(accountLeads.path("intersectEntity").asText()).isEqualTo("accountleads");
    assertThat(names)
        .as("intersect entities are chosen through their relationship")
        .doesNotContain("accountleads");
  }

  @Test
  void aSourceThatRefusesOrCannotBeReachedOrIsInvalidGetsAnErrorWithoutTheSecret()
      throws Exception {
    ObjectNode wrongSecret = (ObjectNode) api.profileDocument("x").path("source");
    String secret = "not-the-secret-" + "s3cr3t".repeat(3);
    ((ObjectNode) wrongSecret.path("auth")).put("clientSecret", secret);
    ObjectNode unreachable = (ObjectNode) api.profileDocument("y").path("source");
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    unreachable.put("url", "http://127.0.0.1:" + closed);
    ((ObjectNode) unreachable.path("auth"))
        .put("tokenUrl", "http://127.0.0.1:" + closed + "/token");
    ObjectNode invalid = (ObjectNode) api.profileDocument("z").path("source");
    invalid.remove("url");

    HttpResponse<String> refused =
        api.send(CLIENT, "POST", "/api/v1/sources/catalog", wrongSecret.toString(), admin);
    HttpResponse<String> unreached =
        api.send(CLIENT, "POST", "/api/v1/sources/catalog", unreachable.toString(), admin);
    HttpResponse<String> wrong =
        api.send(CLIENT, "POST", "/api/v1/sources/catalog", invalid.toString(), admin);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(code(refused)).isEqualTo("sourceRefused");
    assertThat(unreached.statusCode()).as(unreached.body()).isEqualTo(502);
    assertThat(code(unreached)).isEqualTo("sourceUnreachable");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.body()).contains("source.url");
    for (HttpResponse<String> answer : List.of(refused, unreached, wrong)) {
      assertThat(answer.body())
          .doesNotContain(secret)
          .doesNotContain(EmulatorSettings.DEFAULT_CLIENT_SECRET);
    }
  }

  @Test
  void theHistoryHasASampleOfTheClusterCountersPerIntervalAndForgetsDeletedProfiles()
      throws Exception {
    String id = api.node.profiles().create(api.profileDocument(SecuredApi.unique("charted"))).id();
    JsonNode empty = history(id);
    assertThat(empty.path("intervalSeconds").asInt()).isEqualTo(5);
    assertThat(empty.path("samples")).isEmpty();

    api.node.history().sample(); // the baseline
    api.node.profiles().activate(id);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    long applied = 0;
    while (applied < 20 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      api.node.history().sample();
      applied = 0;
      for (JsonNode sample : history(id).path("samples")) {
        applied += sample.path("succeeded").asLong();
      }
    }

    JsonNode samples = history(id).path("samples");
    assertThat(applied).as("the emulator's 20 accounts, applied").isEqualTo(20);
    assertThat(samples.size()).isGreaterThanOrEqualTo(1);
    assertThat(samples)
        .anySatisfy(
            sample -> {
              assertThat(sample.path("succeeded").asLong()).isPositive();
              assertThat(sample.path("throughputPerSecond").asDouble()).isPositive();
            });
    for (JsonNode sample : samples) {
      assertThat(Instant.parse(sample.path("at").asText())).isBefore(Instant.now().plusSeconds(1));
      assertThat(sample.path("failed").asLong()).isZero();
      assertThat(sample.path("lagSeconds").asDouble()).isNotNegative();
    }

    api.node.profiles().deactivate(id);
    api.node.profiles().delete(id);
    api.node.history().sample();
    assertThat(api.node.history().samples(id)).isEmpty();
    assertThat(
            api.send(CLIENT, "GET", "/api/v1/profiles/" + id + "/history", null, admin)
                .statusCode())
        .isEqualTo(404);
  }

  private JsonNode history(String id) throws Exception {
    HttpResponse<String> answer =
        api.send(CLIENT, "GET", "/api/v1/profiles/" + id + "/history", null, admin);
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static String code(HttpResponse<String> answer) throws Exception {
    return JSON.readTree(answer.body()).path("error").path("code").asText();
  }

  private static List<String> texts(JsonNode list, String field) {
    List<String> texts = new ArrayList<>();
    list.forEach(item -> texts.add(item.path(field).asText()));
    return texts;
  }
}
