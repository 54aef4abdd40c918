package io.dataexport.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataexport.api.error.Problem;
import io.dataexport.api.profile.ExportProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProfileDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProfileDocument documents = new ProfileDocument(Path.of("/var/lib/dataexport"));

  @Test
  void aMinimalDocumentGetsTheDefaults() throws Exception {
    ExportProfile profile =
        documents.parse(
            json(
                """
                {"name": "Sales", "entities": ["account", "contact"],
                 "source": {"url": "https://org.crm.dynamics.com",
                   "auth": {"tokenUrl": "https://login.example/t/oauth2/v2.0/token", "clientId": "app", "clientSecret": "s3cret"}}}
                """));

    assertThat(profile.destination().type()).isEqualTo("sqlite");
    assertThat(profile.destination().jdbcUrl())
        .isEqualTo("jdbc:sqlite:/var/lib/dataexport/sales.sqlite");
    assertThat(profile.source().auth().scope()).isEqualTo("https://org.crm.dynamics.com/.default");
    assertThat(profile.retryCount()).isEqualTo(12);
    assertThat(profile.retryIntervalSeconds()).isEqualTo(5);
    assertThat(profile.writeDeleteLog()).isFalse();
    assertThat(profile.toString()).doesNotContain("s3cret");
  }

  @Test
  void everyProblemIsReportedAtOnceWithFieldValueAndRemedy() throws Exception {
    JsonNode document =
        json(
            """
            {"name": "", "entites": ["account"], "entities": ["Account", "lead", "lead"],
             "source": {"type": "salesforce", "url": "ftp://nowhere", "auth": {"clientId": "app"}},
             "destination": {"type": "oracle", "tablePrefix": "way_too_long_prefix!", "schema": "my schema"},
             "retryCount": 99, "retryIntervalSeconds": -1, "writeDeleteLog": "yes"}
            """);

    assertThatThrownBy(() -> documents.parse(document))
        .isInstanceOfSatisfying(
            ProfileValidationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::field)
                    .containsExactlyInAnyOrder(
                        "entites",
                        "name",
                        "source.type",
                        "source.url",
                        "source.auth.tokenUrl",
                        "source.auth.clientSecret",
                        "destination.type",
                        "destination.jdbcUrl",
                        "destination.schema",
                        "destination.tablePrefix",
                        "entities[0]",
                        "entities[2]",
                        "retryCount",
                        "retryIntervalSeconds",
                        "writeDeleteLog"));
    assertThatThrownBy(() -> documents.parse(document))
        .hasMessageContaining("Did you mean 'entities'?")
        .hasMessageContaining("retryCount = '99': must be a whole number from 0 to 20");
  }

  @Test
  void renderingLeavesSecretsOutAndUpdatesKeepThem() throws Exception {
    ExportProfile profile =
        documents.parse(
            json(
                """
                {"name": "p", "entities": ["account"],
                 "source": {"url": "http://127.0.0.1:8090",
                   "auth": {"tokenUrl": "http://127.0.0.1:8090/t/oauth2/v2.0/token", "clientId": "c", "clientSecret": "hidden"}},
                 "destination": {"type": "postgresql", "jdbcUrl": "jdbc:postgresql://db/crm", "password": "pw"}}
                """));

    String rendered = ProfileDocument.render(profile).toString();
    assertThat(rendered).doesNotContain("hidden").doesNotContain("\"pw\"");

    var update = ProfileDocument.render(profile);
    ProfileDocument.keepSecrets(update, ProfileDocument.storable(profile));
    ExportProfile again = documents.parse(update);
    assertThat(again.source().auth().clientSecret().reveal()).isEqualTo("hidden");
    assertThat(again.destination().password().reveal()).isEqualTo("pw");
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
