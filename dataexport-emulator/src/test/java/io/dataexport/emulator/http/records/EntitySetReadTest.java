package io.dataexport.emulator.http.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.testing.EmulatorClient;
import io.dataexport.emulator.testing.EmulatorClient.Reply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading entity sets and records over real HTTP. */
class EntitySetReadTest {
  private static DataverseEmulator emulator;
  private static EmulatorClient client;

  @BeforeAll
  static void start() {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(30));
    client = new EmulatorClient(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void selectReturnsTheChosenColumnsThePrimaryKeyAndAnEtagPerRow() {
    Reply reply = client.get("accounts?$select=name,revenue,_primarycontactid_value");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("@odata.context").asText())
        .isEqualTo(
            emulator.webApiRoot()
                + "$metadata#accounts(name,revenue,_primarycontactid_value,accountid)");
    JsonNode row = reply.json().path("value").get(0);
    assertThat(fieldNames(row))
        .containsExactly("@odata.etag", "name", "revenue", "_primarycontactid_value", "accountid");
    assertThat(row.path("@odata.etag").asText()).matches(Pattern.compile("W/\"\\d+\""));
  }

  @Test
  void withoutSelectEveryAttributeIsReturnedInItsJsonForm() {
    JsonNode row = client.get("contacts?$top=1").json().path("value").get(0);

    assertThat(row.has("_parentcustomerid_value")).isTrue();
    assertThat(row.has("parentcustomerid")).isFalse();
    assertThat(row.path("versionnumber").isIntegralNumber()).isTrue();
    assertThat(row.path("@odata.etag").asText())
        .isEqualTo("W/\"" + row.path("versionnumber").asLong() + "\"");
    assertThat(row.path("createdon").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    if (!row.path("birthdate").isNull()) {
      assertThat(row.path("birthdate").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
    }
  }

  @Test
  void lookupsCarryTheirTargetAndFormattedValuesWhenAnnotationsAreAsked() {
    Reply reply =
        client.get(
            "contacts?$select=fullname,_parentcustomerid_value,gendercode,annualincome&$top=20",
            "Prefer",
            "odata.include-annotations=\"*\"");

    JsonNode withLookup = null;
    for (JsonNode row : reply.json().path("value")) {
      if (!row.path("_parentcustomerid_value").isNull()) {
        withLookup = row;
        break;
      }
    }
    assertThat(withLookup).isNotNull();
    String target =
        withLookup
            .path("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname")
            .asText();
    assertThat(target).isIn("account", "contact");
    assertThat(
            withLookup
                .path("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty")
                .asText())
        .isEqualTo("parentcustomerid_" + target);
    assertThat(
            withLookup
                .path("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue")
                .asText())
        .isNotBlank();
  }

  @Test
  void annotationsAreLeftOutUnlessAsked() {
    JsonNode row =
        client
            .get("contacts?$select=_parentcustomerid_value,gendercode&$top=1")
            .json()
            .path("value")
            .get(0);

    assertThat(fieldNames(row))
        .noneMatch(name -> name.contains("@Microsoft") || name.contains("@OData.Community"));
  }

  @Test
  void serverDrivenPagingFollowsNextLinksUntilEveryRowIsRead() {
    List<String> ids = new ArrayList<>();
    Reply page = client.get("leads?$select=subject", "Prefer", "odata.maxpagesize=7");
    assertThat(page.header("Preference-Applied")).isEqualTo("odata.maxpagesize=7");
    while (true) {
      page.json().path("value").forEach(row -> ids.add(row.path("leadid").asText()));
      if (!page.json().has("@odata.nextLink")) {
        break;
      }
      assertThat(page.json().path("value")).hasSize(7);
      page =
          client.get(page.json().path("@odata.nextLink").asText(), "Prefer", "odata.maxpagesize=7");
    }

    assertThat(ids).hasSize(30).doesNotHaveDuplicates();
    assertThat(page.json().has("@odata.deltaLink")).isFalse();
  }

  @Test
  void pageSizesAboveFiveThousandAreCapped() {
    Reply reply = client.get("accounts?$select=name", "Prefer", "odata.maxpagesize=20000");

    assertThat(reply.header("Preference-Applied")).isEqualTo("odata.maxpagesize=5000");
  }

  @Test
  void aRecordIsReadByItsId() {
    String id =
        client.get("accounts?$top=1").json().path("value").get(0).path("accountid").asText();

    Reply reply = client.get("accounts(" + id + ")?$select=name");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("accountid").asText()).isEqualTo(id);
    assertThat(reply.json().path("@odata.context").asText())
        .endsWith("$metadata#accounts(name,accountid)/$entity");
  }

  @Test
  void countReturnsThePlainNumberOfRecords() {
    Reply reply = client.get("teams/$count");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw().body()).isEqualTo("10");
  }

  @Test
  void anUnknownRecordIsNotFound() {
    Reply reply = client.get("accounts(6f0c0b5e-0000-4000-8000-000000000000)");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("0x80040217");
    assertThat(reply.errorMessage()).contains("Does Not Exist");
  }

  @Test
  void badInputGetsADataverseErrorNeverAStackTrace() {
    List<Reply> replies =
        List.of(
            client.get("accounts?$select=nosuchcolumn"),
            client.get("accounts?$select=parentaccountid"),
            client.get("nosuchset"),
            client.get("accounts(not-a-guid)"),
            client.get("accounts?$skiptoken=garbage"),
            client.get("accounts?$top=-1"),
            client.get("accounts?$bogus=1"),
            client.get("accounts", "Prefer", "odata.maxpagesize=abc"),
            client.get("accounts(1"));

    for (Reply reply : replies) {
      assertThat(reply.status()).as(reply.raw().uri().toString()).isBetween(400, 499);
      assertThat(reply.errorMessage())
          .as(reply.raw().uri().toString())
          .isNotBlank()
          .doesNotContain("Exception");
      assertThat(reply.raw().body()).doesNotContain("\tat ");
    }
    assertThat(replies.get(0).errorMessage())
        .isEqualTo(
            "Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.account'.");
    assertThat(replies.get(1).errorMessage()).contains("'_parentaccountid_value'");
  }

  private static List<String> fieldNames(JsonNode row) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
