package io.dataexport.emulator.http.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataexport.emulator.DataverseEmulator;
import io.dataexport.emulator.EmulatorSettings;
import io.dataexport.emulator.http.JsonBodies;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metadata queries against a running emulator, over real HTTP with an OAuth2 token. */
class MetadataOverHttpTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DataverseEmulator emulator;
  private static String token;

  @BeforeAll
  static void startEmulatorAndGetToken() throws Exception {
    emulator = DataverseEmulator.start(EmulatorSettings.defaults().withPort(0).withSeedRecords(10));
    String form =
        "grant_type=client_credentials&client_id=emulator&client_secret=emulator-secret&scope="
            + encode(emulator.baseUrl() + ".default");
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(emulator.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    token = JsonBodies.MAPPER.readTree(response.body()).path("access_token").asText();
  }

  @AfterAll
  static void stopEmulator() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void theCatalogQueriesListEveryEntityWithItsLabelAndEveryManyToManyRelationship()
      throws Exception {
    HttpResponse<String> entities =
        get(
            "EntityDefinitions",
            "$select",
            "LogicalName,DisplayName,ChangeTrackingEnabled,IsIntersect");
    HttpResponse<String> relationships =
        get(
            "RelationshipDefinitions/Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata",
            "$select",
            "SchemaName,Entity1LogicalName,Entity2LogicalName,IntersectEntityName");

    assertThat(entities.statusCode()).as(entities.body()).isEqualTo(200);
    JsonNode account = null;
    for (JsonNode entity : JsonBodies.MAPPER.readTree(entities.body()).path("value")) {
      if (entity.path("LogicalName").asText().equals("account")) {
        account = entity;
      }
    }
    assertThat(account).isNotNull();
    assertThat(account.path("DisplayName").path("UserLocalizedLabel").path("Label").asText())
        .isEqualTo("Account");
    assertThat(account.path("ChangeTrackingEnabled").asBoolean()).isTrue();
    assertThat(account.path("IsIntersect").asBoolean()).isFalse();
    assertThat(relationships.statusCode()).as(relationships.body()).isEqualTo(200);
    JsonNode first = JsonBodies.MAPPER.readTree(relationships.body()).path("value").get(0);
    assertThat(first.path("SchemaName").asText()).isNotBlank();
    assertThat(first.path("Entity1LogicalName").asText()).isNotBlank();
    assertThat(first.path("Entity2LogicalName").asText()).isNotBlank();
    assertThat(first.path("IntersectEntityName").asText()).isNotBlank();
  }

  @Test
  void entityDefinitionAnswersWithTheServiceRootInItsContext() throws Exception {
    HttpResponse<String> response =
        get(
            "EntityDefinitions(LogicalName='account')",
            "$select",
            "LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,ChangeTrackingEnabled");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode account = JsonBodies.MAPPER.readTree(response.body());
    assertThat(account.path("@odata.context").asText())
        .startsWith(emulator.webApiRoot() + "$metadata#EntityDefinitions(")
        .endsWith("/$entity");
    assertThat(account.path("EntitySetName").asText()).isEqualTo("accounts");
    assertThat(account.path("PrimaryIdAttribute").asText()).isEqualTo("accountid");
    assertThat(account.path("ChangeTrackingEnabled").asBoolean()).isTrue();
  }

  @Test
  void changeTrackingFilterTravelsPercentEncoded() throws Exception {
    HttpResponse<String> response =
        get(
            "EntityDefinitions",
            "$select",
            "LogicalName",
            "$filter",
            "ChangeTrackingEnabled eq true");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    JsonBodies.MAPPER
        .readTree(response.body())
        .path("value")
        .forEach(e -> names.add(e.path("LogicalName").asText()));
    assertThat(names).contains("account", "contact").doesNotContain("businessunit");
  }

  @Test
  void picklistCastWithExpandedOptionSetsOverHttp() throws Exception {
    HttpResponse<String> response =
        get(
            "EntityDefinitions(LogicalName='account')/Attributes/"
                + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata",
            "$select",
            "LogicalName",
            "$expand",
            "OptionSet,GlobalOptionSet");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode value = JsonBodies.MAPPER.readTree(response.body()).path("value");
    assertThat(value).isNotEmpty();
    JsonNode industry = value.get(0);
    assertThat(industry.path("LogicalName").asText()).isEqualTo("industrycode");
    assertThat(
            industry
                .path("OptionSet")
                .path("Options")
                .get(0)
                .path("Label")
                .path("UserLocalizedLabel")
                .path("Label")
                .asText())
        .isEqualTo("Accounting");
  }

  @Test
  void unknownEntityAnswers404InTheDataverseErrorFormat() throws Exception {
    HttpResponse<String> response = get("EntityDefinitions(LogicalName='foo')");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = JsonBodies.MAPPER.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("0x80040217");
    assertThat(error.path("message").asText())
        .isEqualTo("Could not find entity with logical name 'foo'.");
  }

  @Test
  void malformedFilterAnswers400() throws Exception {
    HttpResponse<String> response = get("EntityDefinitions", "$filter", "LogicalName eq");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JsonBodies.MAPPER.readTree(response.body()).path("error").path("message").asText())
        .contains("$filter");
  }

  private static HttpResponse<String> get(String path, String... options)
      throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < options.length; i += 2) {
      query.append(query.isEmpty() ? "?" : "&");
      query.append(options[i]).append('=').append(encode(options[i + 1]));
    }
    URI uri = URI.create(emulator.webApiRoot() + path + query);
    return HTTP.send(
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .header("OData-Version", "4.0")
            .header("OData-MaxVersion", "4.0")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    // %20 rather than +: a Web API client percent-encodes spaces in query options
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
