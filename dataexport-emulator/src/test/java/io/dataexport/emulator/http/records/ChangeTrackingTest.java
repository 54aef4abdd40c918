package io.dataexport.emulator.http.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.testing.EmulatorClient;
import io.dataexport.emulator.testing.EmulatorClient.Reply;
import io.dataexport.emulator.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Change tracking over real HTTP, as documented for the Dataverse Web API. */
class ChangeTrackingTest {
  private static final String TRACK = "odata.track-changes";

  private final MutableClock clock = new MutableClock();
  private DataverseEmulator emulator;
  private EmulatorClient client;

  @BeforeEach
  void start() {
    emulator =
        DataverseEmulator.start(
            EmulatorSettings.defaults()
                .withPort(0)
                .withSeedRecords(25)
                .withClock(clock)
                .withTokenLifetime(Duration.ofDays(30))
                .withChangeRetention(Duration.ofDays(7)));
    client = new EmulatorClient(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void initialReadPagesThroughEveryRowAndEndsWithADeltaLink() {
    Reply first =
        client.get("accounts?$select=name,revenue", "Prefer", TRACK + ",odata.maxpagesize=10");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Preference-Applied"))
        .isEqualTo("odata.track-changes,odata.maxpagesize=10");
    assertThat(first.json().path("value")).hasSize(10);
    assertThat(first.json().has("@odata.deltaLink")).isFalse();
    String next = first.json().path("@odata.nextLink").asText();
    assertThat(next).contains("$skiptoken=");

    Reply second = client.get(next, "Prefer", TRACK + ",odata.maxpagesize=10");
    Reply third =
        client.get(
            second.json().path("@odata.nextLink").asText(),
            "Prefer",
            TRACK + ",odata.maxpagesize=10");

    assertThat(third.json().path("value")).hasSize(5);
    assertThat(third.json().has("@odata.nextLink")).isFalse();
    assertThat(third.json().path("@odata.deltaLink").asText())
        .contains("$deltatoken=")
        .contains("$select=name,revenue");
    Set<String> ids = new HashSet<>();
    for (Reply page : List.of(first, second, third)) {
      page.json().path("value").forEach(row -> ids.add(row.path("accountid").asText()));
    }
    assertThat(ids).hasSize(25);
  }

  @Test
  void deltaListsChangedRowsThenDeletionsAndAFreshLink() {
    String deltaLink = readAll("accounts?$select=name").path("@odata.deltaLink").asText();
    String createdId =
        idFromEntityLink(client.post("accounts", "{\"name\":\"Created after token\"}"));
    JsonNode someRows = client.get("accounts?$select=name&$top=2").json().path("value");
    String updatedId = someRows.get(0).path("accountid").asText();
    String deletedId = someRows.get(1).path("accountid").asText();
    assertThat(client.patch("accounts(" + updatedId + ")", "{\"name\":\"Renamed\"}").status())
        .isEqualTo(204);
    assertThat(client.delete("accounts(" + deletedId + ")").status()).isEqualTo(204);

    Reply delta = client.get(deltaLink, "Prefer", TRACK);

    assertThat(delta.status()).isEqualTo(200);
    assertThat(delta.json().path("@odata.context").asText()).endsWith("/$delta");
    JsonNode value = delta.json().path("value");
    assertThat(value).hasSize(3);
    assertThat(value.get(0).path("accountid").asText()).isEqualTo(createdId);
    assertThat(value.get(1).path("accountid").asText()).isEqualTo(updatedId);
    assertThat(value.get(1).path("name").asText()).isEqualTo("Renamed");
    assertThat(value.get(2).path("id").asText()).isEqualTo(deletedId);
    assertThat(value.get(2).path("reason").asText()).isEqualTo("deleted");
    assertThat(value.get(2).path("@odata.context").asText())
        .endsWith("$metadata#accounts/$deletedEntity");
    String nextDeltaLink = delta.json().path("@odata.deltaLink").asText();
    assertThat(nextDeltaLink).isNotEqualTo(deltaLink);

    Reply empty = client.get(nextDeltaLink, "Prefer", TRACK);
    assertThat(empty.json().path("value")).isEmpty();
    assertThat(empty.json().path("@odata.deltaLink").asText()).contains("$deltatoken=");
  }

  @Test
  void deltaIsPagedWhenItHoldsMoreThanAPage() {
    String deltaLink = readAll("contacts").path("@odata.deltaLink").asText();
    for (int i = 0; i < 7; i++) {
      client.post("contacts", "{\"lastname\":\"New " + i + "\"}");
    }
    client.delete(
        "contacts("
            + client.get("contacts?$top=1").json().path("value").get(0).path("contactid").asText()
            + ")");

    List<JsonNode> rows = new ArrayList<>();
    Reply page = client.get(deltaLink, "Prefer", TRACK + ",odata.maxpagesize=3");
    while (true) {
      page.json().path("value").forEach(rows::add);
      if (!page.json().has("@odata.nextLink")) {
        break;
      }
      assertThat(page.json().path("value")).hasSize(3);
      page =
          client.get(
              page.json().path("@odata.nextLink").asText(),
              "Prefer",
              TRACK + ",odata.maxpagesize=3");
    }

    assertThat(rows).hasSize(8);
    assertThat(rows.get(7).path("reason").asText()).isEqualTo("deleted");
    assertThat(page.json().path("@odata.deltaLink").asText()).contains("$deltatoken=");
  }

  @Test
  void changesCommittedWhileTheInitialReadPagesAppearInTheNextDelta() {
    Reply first = client.get("leads?$select=subject", "Prefer", TRACK + ",odata.maxpagesize=5");
    String lastSeenId = first.json().path("value").get(0).path("leadid").asText();
    client.patch("leads(" + lastSeenId + ")", "{\"subject\":\"Changed mid-read\"}");
    String createdMidRead =
        idFromEntityLink(client.post("leads", "{\"subject\":\"Born mid-read\"}"));

    JsonNode last = follow(first);
    Reply delta = client.get(last.path("@odata.deltaLink").asText(), "Prefer", TRACK);

    List<String> changed = new ArrayList<>();
    delta.json().path("value").forEach(row -> changed.add(row.path("leadid").asText()));
    assertThat(changed).contains(lastSeenId, createdMidRead);
  }

  @Test
  void countWithATokenCountsTheChangesSinceIt() {
    String token = tokenOf(readAll("opportunities").path("@odata.deltaLink").asText());
    client.post("opportunities", "{\"name\":\"One\"}");
    client.post("opportunities", "{\"name\":\"Two\"}");

    Reply count = client.get("opportunities/$count?$deltatoken=" + token);

    assertThat(count.status()).isEqualTo(200);
    assertThat(count.raw().body()).isEqualTo("2");
    assertThat(client.get("opportunities/$count").raw().body()).isEqualTo("27");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"$filter=name eq 'x'", "$orderby=name", "$expand=primarycontactid", "$top=5"})
  void queryOptionsChangeTrackingCannotHonourAreRefused(String option) {
    Reply reply =
        client.get("accounts?$select=name&" + option.replace(" ", "%20"), "Prefer", TRACK);

    String name = option.substring(0, option.indexOf('='));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorMessage())
        .isEqualTo(
            "The \""
                + name
                + "\" query parameter isn't supported when Change Tracking is enabled.");
  }

  @Test
  void anEntityWithoutChangeTrackingRefusesTracking() {
    Reply reply = client.get("businessunits", "Prefer", TRACK);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorMessage())
        .contains("Change tracking is not enabled for entity 'businessunit'");
    assertThat(client.get("businessunits").status()).isEqualTo(200);
  }

  @Test
  void anExpiredTokenAsksForAFullSync() {
    String deltaLink = readAll("accounts").path("@odata.deltaLink").asText();
    clock.advance(Duration.ofDays(7).plusSeconds(2));

    Reply reply = client.get(deltaLink, "Prefer", TRACK);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("0x80044352");
    assertThat(reply.errorMessage())
        .isEqualTo(
            "Version stamp associated with the client has expired. Please perform a full sync.");
  }

  @Test
  void aTokenWithinRetentionStaysValid() {
    String deltaLink = readAll("accounts").path("@odata.deltaLink").asText();
    clock.advance(Duration.ofDays(6));

    assertThat(client.get(deltaLink, "Prefer", TRACK).status()).isEqualTo(200);
  }

  @Test
  void aForgedTokenIsABadRequest() {
    Reply reply = client.get("accounts?$deltatoken=not-a-token", "Prefer", TRACK);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorMessage()).contains("$deltatoken");
  }

  private JsonNode readAll(String path) {
    return follow(client.get(path, "Prefer", TRACK + ",odata.maxpagesize=10"));
  }

  private JsonNode follow(Reply page) {
    while (page.json().has("@odata.nextLink")) {
      page =
          client.get(
              page.json().path("@odata.nextLink").asText(),
              "Prefer",
              TRACK + ",odata.maxpagesize=10");
    }
    return page.json();
  }

  private static String tokenOf(String deltaLink) {
    return deltaLink.substring(deltaLink.indexOf("$deltatoken=") + "$deltatoken=".length());
  }

  private static String idFromEntityLink(Reply created) {
    assertThat(created.status()).isEqualTo(204);
    String link = created.header("OData-EntityId");
    return link.substring(link.indexOf('(') + 1, link.indexOf(')'));
  }
}
