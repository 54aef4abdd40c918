package io.dataexport.emulator.http.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.testing.EmulatorClient;
import io.dataexport.emulator.testing.EmulatorClient.Reply;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creates, updates, deletes and associations as the real Web API takes them. */
class RecordWriteTest {
  private static DataverseEmulator emulator;
  private static EmulatorClient client;

  @BeforeAll
  static void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(20));
    client = new EmulatorClient(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void createAnswers204WithTheNewRecordsAddress() {
    Reply reply =
        client.post(
            "accounts", "{\"name\":\"Fourth Coffee\",\"revenue\":1234.567,\"industrycode\":3}");

    assertThat(reply.status()).isEqualTo(204);
    String link = reply.header("OData-EntityId");
    assertThat(link).startsWith(emulator.webApiRoot() + "accounts(");
    JsonNode row = client.get(link.substring(emulator.webApiRoot().toString().length())).json();
    assertThat(row.path("name").asText()).isEqualTo("Fourth Coffee");
    assertThat(row.path("revenue").decimalValue()).isEqualByComparingTo("1234.57");
    assertThat(row.path("statecode").asInt()).isZero();
    assertThat(row.path("statuscode").asInt()).isEqualTo(1);
    assertThat(row.path("_ownerid_value").asText()).isNotBlank();
  }

  @Test
  void createWithReturnRepresentationAnswers201WithTheRow() {
    Reply reply =
        client.post(
            "contacts?$select=lastname,_parentcustomerid_value",
            "{\"lastname\":\"Ødegaard\",\"parentcustomerid_account@odata.bind\":\"/accounts("
                + anAccountId()
                + ")\"}",
            "Prefer",
            "return=representation");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().path("lastname").asText()).isEqualTo("Ødegaard");
    assertThat(reply.json().path("_parentcustomerid_value").asText()).isEqualTo(anAccountId());
  }

  @Test
  void patchUpdatesOnlyTheGivenAttributesAndRaisesTheVersion() {
    JsonNode before = client.get("accounts?$top=1").json().path("value").get(0);
    String id = before.path("accountid").asText();

    assertThat(client.patch("accounts(" + id + ")", "{\"telephone1\":\"+49 30 1234\"}").status())
        .isEqualTo(204);

    JsonNode after = client.get("accounts(" + id + ")").json();
    assertThat(after.path("telephone1").asText()).isEqualTo("+49 30 1234");
    assertThat(after.path("name")).isEqualTo(before.path("name"));
    assertThat(after.path("versionnumber").asLong())
        .isGreaterThan(before.path("versionnumber").asLong());
  }

  @Test
  void patchOfAMissingRecordCreatesItUnlessIfMatchForbids() {
    String id = UUID.randomUUID().toString();

    assertThat(client.patch("leads(" + id + ")", "{\"subject\":\"x\"}", "If-Match", "*").status())
        .isEqualTo(404);
    assertThat(client.patch("leads(" + id + ")", "{\"subject\":\"Upserted\"}").status())
        .isEqualTo(204);
    assertThat(client.get("leads(" + id + ")").json().path("subject").asText())
        .isEqualTo("Upserted");
  }

  @Test
  void deleteRemovesTheRecordAndASecondDeleteIsNotFound() {
    String id = idOf(client.post("opportunities", "{\"name\":\"Short-lived\"}"));

    assertThat(client.delete("opportunities(" + id + ")").status()).isEqualTo(204);
    assertThat(client.get("opportunities(" + id + ")").status()).isEqualTo(404);
    assertThat(client.delete("opportunities(" + id + ")").status()).isEqualTo(404);
  }

  @Test
  void stateFollowsAStatusAndAMismatchIsRefused() {
    String id = idOf(client.post("leads", "{\"subject\":\"Qualify me\"}"));

    assertThat(client.patch("leads(" + id + ")", "{\"statuscode\":3}").status()).isEqualTo(204);
    assertThat(client.get("leads(" + id + ")").json().path("statecode").asInt()).isEqualTo(1);
    assertThat(client.patch("leads(" + id + ")", "{\"statecode\":0,\"statuscode\":4}").status())
        .isEqualTo(400);
  }

  @Test
  void invalidBodiesAreRefusedWithTheReasonAndNothingIsWritten() {
    long before = Long.parseLong(client.get("accounts/$count").raw().body());
    String longName = "x".repeat(161);

    assertThat(client.post("accounts", "{\"nosuch\":1}").errorMessage())
        .contains("'nosuch' does not exist");
    assertThat(client.post("accounts", "{\"name\":\"" + longName + "\"}").errorCode())
        .isEqualTo("0x80044331");
    assertThat(client.post("accounts", "{\"numberofemployees\":\"many\"}").errorMessage())
        .contains("Edm.Int32");
    assertThat(client.post("accounts", "{\"industrycode\":999}").errorCode())
        .isEqualTo("0x8004431a");
    assertThat(
            client
                .post("accounts", "{\"_primarycontactid_value\":\"" + UUID.randomUUID() + "\"}")
                .errorMessage())
        .contains("@odata.bind");
    assertThat(
            client
                .post(
                    "accounts",
                    "{\"primarycontactid@odata.bind\":\"/accounts(" + anAccountId() + ")\"}")
                .errorMessage())
        .contains("cannot point to a account");
    assertThat(
            client
                .post(
                    "accounts",
                    "{\"primarycontactid@odata.bind\":\"/contacts(" + UUID.randomUUID() + ")\"}")
                .status())
        .isEqualTo(404);
    assertThat(client.post("accounts", "{not json").status()).isEqualTo(400);
    assertThat(client.post("accounts", "[1,2]").status()).isEqualTo(400);
    assertThat(client.post("accounts", "{\"versionnumber\":5}").errorMessage())
        .contains("read-only");
    assertThat(Long.parseLong(client.get("accounts/$count").raw().body())).isEqualTo(before);
  }

  @Test
  void recordsOfAnNToNRelationshipAreAssociatedAndDisassociated() {
    String account = anAccountId();
    String lead = idOf(client.post("leads", "{\"subject\":\"Associate me\"}"));
    long before = Long.parseLong(client.get("accountleadscollection/$count").raw().body());

    Reply associate =
        client.post(
            "accounts(" + account + ")/accountleads_association/$ref",
            "{\"@odata.id\":\"" + emulator.webApiRoot() + "leads(" + lead + ")\"}");
    assertThat(associate.status()).isEqualTo(204);
    assertThat(Long.parseLong(client.get("accountleadscollection/$count").raw().body()))
        .isEqualTo(before + 1);
    assertThat(
            client
                .post(
                    "accounts(" + account + ")/accountleads_association/$ref",
                    "{\"@odata.id\":\"" + emulator.webApiRoot() + "leads(" + lead + ")\"}")
                .errorCode())
        .isEqualTo("0x80040237");

    assertThat(
            client
                .delete("accounts(" + account + ")/accountleads_association(" + lead + ")/$ref")
                .status())
        .isEqualTo(204);
    assertThat(Long.parseLong(client.get("accountleadscollection/$count").raw().body()))
        .isEqualTo(before);
  }

  @Test
  void aLookupIsClearedThroughItsReference() {
    String id =
        idOf(
            client.post(
                "accounts",
                "{\"name\":\"With parent\",\"parentaccountid@odata.bind\":\"/accounts("
                    + anAccountId()
                    + ")\"}"));

    assertThat(client.delete("accounts(" + id + ")/parentaccountid/$ref").status()).isEqualTo(204);
    assertThat(client.get("accounts(" + id + ")").json().path("_parentaccountid_value").isNull())
        .isTrue();
  }

  private static String anAccountId() {
    return emulator.store().sampleData().seedId("account", 0).toString();
  }

  private static String idOf(Reply created) {
    assertThat(created.status()).isEqualTo(204);
    String link = created.header("OData-EntityId");
    return link.substring(link.indexOf('(') + 1, link.indexOf(')'));
  }
}
